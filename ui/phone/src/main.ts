// The participants' phone page, served by the facilitator's laptop (crates/lan).
import './phone.css';
import { start } from './app';

/** localStorage itself may throw (blocked cookies): the page then works without memory. */
function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const root = document.getElementById('app');
if (root) start(root, storage(), location.search);
