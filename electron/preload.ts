// Runs sandboxed, with context isolation: exposes one named function per bridge channel and
// nothing else (never ipcRenderer itself).
import { contextBridge, ipcRenderer } from 'electron';
import type { Bridge } from '../shared/bridge';
import { BRIDGE_GLOBAL, bridgeChannel } from '../shared/bridge-channels';

export const desktopBridge = {
  appInfo: () => ipcRenderer.invoke(bridgeChannel('appInfo')),
  saveFile: (request) => ipcRenderer.invoke(bridgeChannel('saveFile'), request),
  openFiles: (request) => ipcRenderer.invoke(bridgeChannel('openFiles'), request),
  pickFolder: () => ipcRenderer.invoke(bridgeChannel('pickFolder')),
  writeInFolder: (request) => ipcRenderer.invoke(bridgeChannel('writeInFolder'), request),
  listFolder: (folder) => ipcRenderer.invoke(bridgeChannel('listFolder'), folder),
  removeFromFolder: (request) => ipcRenderer.invoke(bridgeChannel('removeFromFolder'), request),
  listPrinters: () => ipcRenderer.invoke(bridgeChannel('listPrinters')),
  print: (request) => ipcRenderer.invoke(bridgeChannel('print'), request),
  printToPdf: (request) => ipcRenderer.invoke(bridgeChannel('printToPdf'), request),
  signingKey: () => ipcRenderer.invoke(bridgeChannel('signingKey')),
  createSigningKey: (request) => ipcRenderer.invoke(bridgeChannel('createSigningKey'), request),
  signClaimManifest: (manifest) => ipcRenderer.invoke(bridgeChannel('signClaimManifest'), manifest),
  officeKey: () => ipcRenderer.invoke(bridgeChannel('officeKey')),
  createOfficeKey: () => ipcRenderer.invoke(bridgeChannel('createOfficeKey')),
  signPolicyIssue: (unsigned) => ipcRenderer.invoke(bridgeChannel('signPolicyIssue'), unsigned),
  journalAppend: (line) => ipcRenderer.invoke(bridgeChannel('journalAppend'), line),
  journalFlush: () => ipcRenderer.invoke(bridgeChannel('journalFlush')),
  journalTakeBack: (request) => ipcRenderer.invoke(bridgeChannel('journalTakeBack'), request),
  journalRead: (request) => ipcRenderer.invoke(bridgeChannel('journalRead'), request),
  journalState: () => ipcRenderer.invoke(bridgeChannel('journalState')),
  journalMark: (head) => ipcRenderer.invoke(bridgeChannel('journalMark'), head),
  masterCopySave: (text) => ipcRenderer.invoke(bridgeChannel('masterCopySave'), text),
  masterCopyRead: () => ipcRenderer.invoke(bridgeChannel('masterCopyRead')),
  storageSpace: () => ipcRenderer.invoke(bridgeChannel('storageSpace')),
  writeLog: (entry) => ipcRenderer.invoke(bridgeChannel('writeLog'), entry),
  supportInfo: () => ipcRenderer.invoke(bridgeChannel('supportInfo')),
  copySupportFiles: () => ipcRenderer.invoke(bridgeChannel('copySupportFiles')),
  syncConfigure: (config) => ipcRenderer.invoke(bridgeChannel('syncConfigure'), config),
  syncPush: (request) => ipcRenderer.invoke(bridgeChannel('syncPush'), request),
  syncPull: (request) => ipcRenderer.invoke(bridgeChannel('syncPull'), request),
  syncPushMaster: (push) => ipcRenderer.invoke(bridgeChannel('syncPushMaster'), push),
  syncPullMaster: (request) => ipcRenderer.invoke(bridgeChannel('syncPullMaster'), request),
  officeStoreStatus: () => ipcRenderer.invoke(bridgeChannel('officeStoreStatus')),
  officeStoreConfigure: (config) => ipcRenderer.invoke(bridgeChannel('officeStoreConfigure'), config),
  officeStoreCall: (request) => ipcRenderer.invoke(bridgeChannel('officeStoreCall'), request),
} satisfies Bridge;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, desktopBridge);
