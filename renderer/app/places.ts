// The places of the till, in the order of the top bar. Each is reached by its function key too.
import type { AppMode } from './app-mode';

export const places = [
  { id: 'counter', label: '收银', key: 'F1', purpose: '识别老人，点餐，结账，打印小票' },
  { id: 'residents', label: '居民', key: 'F2', purpose: '花名册：导入、查找、类别与有效期、状态' },
  { id: 'menu', label: '菜单', key: 'F3', purpose: '菜品与套餐、价格、餐次、数字键' },
  { id: 'policies', label: '政策', key: 'F4', purpose: '导入补贴政策，查看生效日期，试算' },
  { id: 'reports', label: '报表', key: 'F5', purpose: '日结、图表、关爱名单' },
  { id: 'claims', label: '申报', key: 'F6', purpose: '月度补贴申报包与打印报表' },
  { id: 'office', label: '街道', key: 'F7', purpose: '街道办：导入、核验、汇总各食堂申报' },
  { id: 'settings', label: '设置', key: 'F8', purpose: '食堂信息、人员与密码、打印机、备份' },
] as const;

export type PlaceId = (typeof places)[number]['id'];

/**
 * 街道 is the office's place: a canteen's till does not show it (设置 › 使用方式 turns it on). An office PC
 * keeps no till: it shows 街道 and 设置 only, and opens at 街道.
 */
export const isPlaceShown = (id: PlaceId, mode: AppMode) => (mode === 'office' ? id === 'office' || id === 'settings' : id !== 'office');
export const DEFAULT_PLACE: PlaceId = 'counter';
export const defaultPlace = (mode: AppMode): PlaceId => (mode === 'office' ? 'office' : DEFAULT_PLACE);
/** What the window calls itself: the office's PC is no till. */
export const appTitle = (mode: AppMode) => (mode === 'office' ? '街道助餐审核' : '助餐收银台');

export function placeFromHash(hash: string): PlaceId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return places.find((place) => place.id === id)?.id ?? DEFAULT_PLACE;
}

export function placeForKey(key: string): PlaceId | undefined {
  return places.find((place) => place.key === key)?.id;
}
