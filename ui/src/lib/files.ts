// File names and folders the way the facilitator's system writes them.

/** A file name made from a workshop title, safe on Windows, macOS and Linux. */
export function safeFileName(title: string, extension: string): string {
  const base = title
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.-]+|[\s.-]+$/g, '')
    .slice(0, 80)
    .trim();
  return `${base || 'cabildo'}.${extension}`;
}

/** The folder holding a file; works with / and \ separators. */
export function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (cut < 0) return path;
  if (cut === 0) return path.slice(0, 1);
  const folder = path.slice(0, cut);
  return /^[A-Za-z]:$/.test(folder) ? `${folder}\\` : folder;
}
