import type { TFunction } from 'i18next';
import { networkLabel } from './networks';

/** A match's main reason as the dashboard lists it (`{kind, id?}` from the network's projection), in the reader's language. */
export function describeTopReason({ t, d }: { t: TFunction; d: TFunction }, reason: { kind: string; id?: string } | undefined): string {
  if (!reason) return '';
  const id = reason.id ?? '';
  switch (reason.kind) {
    case 'shared-theme':
      return t('topReason.theme', { label: d(`theme.${id}`, { defaultValue: id }) });
    case 'offers':
      return t('topReason.offers', { label: d(`resource.${id}`, { defaultValue: id }) });
    case 'shared-format':
      return t('topReason.format', { label: d(`format.${id}`, { defaultValue: id }) });
    case 'shared-funding':
      return t('topReason.funding', { label: d(`funding.${id}`, { defaultValue: id }) });
    case 'shared-network':
      return t('topReason.network', { label: networkLabel(id) });
    case 'weaker-match':
      return d(`reason.weaker.${id}`, { defaultValue: t('topReason.other', { kind: reason.kind }) });
    default:
      return t('topReason.other', { kind: reason.kind });
  }
}
