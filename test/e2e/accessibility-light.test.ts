// Every dashboard page in the light theme through axe-core, and its screenshots (see axe-scan.ts).
import { scanEveryPage } from './axe-scan.js';

scanEveryPage('light');
