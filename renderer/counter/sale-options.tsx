import type { RefObject } from 'react';
import { CHANNEL_LABELS, type Channel } from '../../shared/atoms';
import type { MenuItemRecord } from '../../shared/ledger/records';
import { CHANNEL_KEYS, searchItems } from './order';

type Props = {
  channel: Channel;
  onChannel: (channel: Channel) => void;
  /** 代领: who collected the meal; null when the elder came in person. */
  collectedBy: string | null;
  onCollectedBy: (collectedBy: string | null) => void;
  collectorField: RefObject<HTMLInputElement | null>;
  itemSearch: string;
  onItemSearch: (text: string) => void;
  itemSearchField: RefObject<HTMLInputElement | null>;
  menu: readonly MenuItemRecord[] | undefined;
  onAddItem: (item: MenuItemRecord) => void;
  /** Back to the order keys after typing in a field. */
  onDone: () => void;
};

/** How the meal is taken (堂食/自取/送餐), who collected it (代领), and the menu search. */
export function SaleOptions({ channel, onChannel, collectedBy, onCollectedBy, collectorField, itemSearch, onItemSearch, itemSearchField, menu, onAddItem, onDone }: Props) {
  return (
    <div className="sale-options">
      <div className="channels" role="group" aria-label="就餐方式">
        {CHANNEL_KEYS.map(({ key, channel: option }) => (
          <button key={option} type="button" aria-pressed={channel === option} onClick={() => onChannel(option)}>
            <kbd className="key">{key}</kbd> {CHANNEL_LABELS[option]}
          </button>
        ))}
      </div>
      {collectedBy === null ? (
        <button type="button" onClick={() => onCollectedBy('')}>
          <kbd className="key">L</kbd> 代领
        </button>
      ) : (
        <label className="collector">
          代领人
          <input
            ref={collectorField}
            value={collectedBy}
            placeholder="姓名或关系，如：女儿"
            onChange={(event) => onCollectedBy(event.target.value)}
            onKeyDown={(event) => {
              // Enter or Esc: done typing, back to the order keys (an empty name drops 代领).
              if (event.key === 'Enter' || event.key === 'Escape') {
                event.preventDefault();
                event.nativeEvent.stopImmediatePropagation();
                if (!collectedBy.trim()) onCollectedBy(null);
                onDone();
              }
            }}
          />
        </label>
      )}
      <label className="item-search">
        <kbd className="key">/</kbd>
        <input
          ref={itemSearchField}
          aria-label="搜索菜品"
          placeholder="搜索菜品"
          value={itemSearch}
          onChange={(event) => onItemSearch(event.target.value)}
          onKeyDown={(event) => {
            // Enter adds the first match and goes back to the order keys; / searches again.
            const first = menu && searchItems(menu, itemSearch)[0];
            if (event.key === 'Enter' && itemSearch.trim() && first) {
              event.preventDefault();
              event.nativeEvent.stopImmediatePropagation();
              onAddItem(first);
              onItemSearch('');
              // Back to the order keys: the payment key and Enter must not land in the search box.
              onDone();
            } else if (event.key === 'Escape') {
              // Esc leaves the search, never the sale.
              event.preventDefault();
              event.nativeEvent.stopImmediatePropagation();
              onItemSearch('');
              onDone();
            }
          }}
        />
      </label>
    </div>
  );
}
