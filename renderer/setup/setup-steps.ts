// Where a new canteen stands on the five things it needs before the first elder is served, read from
// the books (nothing of its own is stored): the guide shows each with a link to the place that does it.
import type { PlaceId } from '../app/places';
import type { CanteenDB } from '../db/canteen-db';
import { activeManagers } from '../db/people-repository';
import { readSetting } from '../db/settings-repository';

export type SetupStep = { id: string; title: string; place: PlaceId; done: boolean; status: string; todo: string };

export async function setupSteps(db: CanteenDB): Promise<SetupStep[]> {
  const [canteen, people, policies, menuItems, residents] = await Promise.all([
    readSetting(db, 'canteen'),
    activeManagers(db),
    db.policies.count(),
    db.menuItems.filter((item) => item.active).count(),
    db.residents.count(),
  ]);
  return [
    {
      id: 'canteen',
      title: '食堂信息',
      place: 'settings',
      done: canteen.code !== '',
      status: canteen.code ? `${canteen.name}（${canteen.code}）${canteen.areaCode ? `，地区代码 ${canteen.areaCode}` : ''}` : '未填写',
      todo: '在“设置 → 食堂信息”填写食堂名称、编号（街道分配）和所在地区代码：申报包和小票都用它',
    },
    {
      id: 'manager',
      title: '负责人',
      place: 'settings',
      done: people.length > 0,
      status: people.length ? people.map((person) => person.name).join('、') : '还没有负责人',
      todo: '在“设置 → 人员与密码”添加负责人和密码：作废、授权、导入都要负责人密码',
    },
    {
      id: 'policy',
      title: '政策',
      place: 'policies',
      done: policies > 0,
      status: policies ? `已导入 ${policies} 个版本` : '未导入：收银台按原价收费',
      todo: '在“政策”导入街道或民政部门下发的政策文件',
    },
    {
      id: 'menu',
      title: '菜单',
      place: 'menu',
      done: menuItems > 0,
      status: menuItems ? `${menuItems} 个在售菜品` : '没有菜品',
      todo: '在“菜单”添加套餐和菜品、价格，给常卖的设数字键',
    },
    {
      id: 'residents',
      title: '居民名单',
      place: 'residents',
      done: residents > 0,
      status: residents ? `${residents} 位居民` : '名单为空',
      todo: '在“居民”导入社区的花名册（也可以在收银台按 F10 逐个登记）',
    },
  ];
}
