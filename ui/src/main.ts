import { mount } from 'svelte';
import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import './styles.css';
import App from './facilitator/App.svelte';
import Presenter from './presenter/Presenter.svelte';
import { ui } from './lib/i18n.svelte';

document.documentElement.lang = ui.language;
const target = document.getElementById('app');
// The projected window opens the same bundle at index.html#presenter.
if (target) mount(location.hash === '#presenter' ? Presenter : App, { target });
