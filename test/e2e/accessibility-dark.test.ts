// Every dashboard page in the dark theme through axe-core, and its screenshots (see axe-scan.ts).
import { scanEveryPage } from './axe-scan.js';

scanEveryPage('dark');
