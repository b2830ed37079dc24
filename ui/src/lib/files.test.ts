import { describe, expect, it } from 'vitest';
import { folderOf, safeFileName } from './files';

describe('file names', () => {
  it('keeps accents but not the characters Windows refuses', () => {
    expect(safeFileName('Taller: Ñuble / Itata?', 'cabildo')).toBe('Taller- Ñuble - Itata.cabildo');
  });

  it('never gives an empty name', () => {
    expect(safeFileName('  ...  ', 'pdf')).toBe('cabildo.pdf');
  });

  it('finds the folder of a file on every system', () => {
    expect(folderOf('/home/ana/Cabildo/taller.cabildo')).toBe('/home/ana/Cabildo');
    expect(folderOf('C:\\Users\\Ana\\taller.pdf')).toBe('C:\\Users\\Ana');
    expect(folderOf('C:\\taller.pdf')).toBe('C:\\');
    expect(folderOf('/taller.pdf')).toBe('/');
  });
});
