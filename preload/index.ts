import { contextBridge, ipcRenderer } from 'electron';
import { buildWindowApi } from './api.js';

contextBridge.exposeInMainWorld('api', buildWindowApi(ipcRenderer));
