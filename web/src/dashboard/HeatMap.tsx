import { PRIORITIES, THEMES, type Priority } from '@culturebridge/domain';
import { ScrollArea } from '../components/ScrollArea';
import type { NetworkMember } from '../api/types';
import { useLocale } from '../i18n/use-locale';
import { MemberText } from '../components/MemberText';

const LEVELS: Record<Priority, number> = { high: 3, medium: 2, low: 1 };
/** Light to dark blue; the letter in each cell says the same for anyone who cannot tell the shades apart. */
const FILLS = ['#f1f3f6', '#cfe0f5', '#6b9bd6', '#1c4a87'];
const INKS = ['#5c6670', '#1a2b3c', '#0b1a2b', '#ffffff'];
/** Each level's letter comes from the catalogs (`heatMap.letter.<priority>`): H/M/L in English. */
const PRIORITY_OF_LEVEL: (Priority | undefined)[] = [undefined, 'low', 'medium', 'high'];

const CELL = 26;
const LABEL_WIDTH = 190;
const HEADER_HEIGHT = 150;
/** Room on the right for the slanted label of the last column. */
const RIGHT_MARGIN = 130;

/**
 * Members drawn one row each at most: above, a network of thousands drew an SVG 130 000 px tall
 * with 265 000 elements (seconds per render), so it gets one row per theme instead (`ThemeCounts`).
 */
export const HEAT_MAP_MEMBERS = 60;

/**
 * Members × themes, priority as intensity. Only themes somebody chose get a column, most chosen
 * first. Above `HEAT_MAP_MEMBERS` members: how many give each theme each priority.
 */
export function HeatMap({ members }: { members: readonly NetworkMember[] }) {
  if (members.length > HEAT_MAP_MEMBERS) return <ThemeCounts members={members} />;
  return <MemberHeatMap members={members} />;
}

/** For a large network: per theme chosen by anyone, how many members give it each priority, most chosen first. */
function ThemeCounts({ members }: { members: readonly NetworkMember[] }) {
  const { t, d, number } = useLocale();
  const counts = new Map<string, Record<Priority, number>>();
  for (const member of members) {
    for (const { id, priority } of member.themes) {
      const row = counts.get(id) ?? { high: 0, medium: 0, low: 0 };
      row[priority] += 1;
      counts.set(id, row);
    }
  }
  const total = (row: Record<Priority, number>) => row.high + row.medium + row.low;
  const rows = THEMES.flatMap((theme) => {
    const row = counts.get(theme.id);
    return row ? [{ theme, row }] : [];
  }).sort((a, b) => total(b.row) - total(a.row) || b.row.high - a.row.high);
  if (rows.length === 0) return <p className="empty">{t('heatMap.none')}</p>;
  return (
    <figure className="chart">
      <p className="muted">{t('heatMap.countsNote', { count: members.length, n: number(members.length), max: number(HEAT_MAP_MEMBERS) })}</p>
      <ScrollArea label={t('heatMap.countsCaption')}>
        <table className="data-table theme-counts">
          <caption>{t('heatMap.countsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('heatMap.theme')}</th>
              {PRIORITIES.map((p) => (
                <th scope="col" className="numeric" key={p}>
                  {d(`priority.${p}`)}
                </th>
              ))}
              <th scope="col" className="numeric">
                {t('heatMap.members')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ theme, row }) => (
              <tr key={theme.id} data-theme={theme.id}>
                <th scope="row">{d(`theme.${theme.id}`)}</th>
                {PRIORITIES.map((p) => (
                  <td className="numeric" key={p}>
                    {number(row[p])}
                  </td>
                ))}
                <td className="numeric">{number(total(row))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollArea>
    </figure>
  );
}

function MemberHeatMap({ members }: { members: readonly NetworkMember[] }) {
  const { t, d, compare, number } = useLocale();
  const letter = (level: number) => {
    const priority = PRIORITY_OF_LEVEL[level];
    return priority ? t(`heatMap.letter.${priority}`) : '';
  };
  const rows = [...members].sort((a, b) => compare(a.name, b.name));
  const priorityOf = (member: NetworkMember, themeId: string) => member.themes.find((t) => t.id === themeId)?.priority;
  const counted = THEMES.map((theme) => ({ theme, count: rows.filter((m) => priorityOf(m, theme.id)).length }))
    .filter((c) => c.count > 0)
    .sort((a, b) => b.count - a.count);
  const columns = counted.map((c) => c.theme);
  // How many members chose each theme: shown with its label, so the most shared themes read at once.
  const countOf = new Map(counted.map((c) => [c.theme.id, c.count]));
  if (rows.length === 0 || columns.length === 0) return <p className="empty">{t('heatMap.none')}</p>;

  const width = LABEL_WIDTH + columns.length * CELL + RIGHT_MARGIN;
  const height = HEADER_HEIGHT + rows.length * CELL + 4;
  return (
    <figure className="chart">
      <ScrollArea className="chart__scroll" label={t('heatMap.title')}>
        <svg
          className="heat-map"
          viewBox={`0 0 ${width} ${height}`}
          width={width}
          height={height}
          role="img"
          aria-labelledby="heat-map-title heat-map-desc"
        >
          <title id="heat-map-title">{t('heatMap.title')}</title>
          <desc id="heat-map-desc">
            {t('heatMap.desc', {
              members: t('heatMap.descMembers', { count: rows.length, n: number(rows.length) }),
              themes: t('heatMap.descThemes', { count: columns.length, n: number(columns.length) }),
              high: letter(3),
              medium: letter(2),
              low: letter(1),
            })}
          </desc>
          {columns.map((theme, c) => (
            <text key={theme.id} className="heat-map__column" data-theme={theme.id} data-count={countOf.get(theme.id)} transform={`translate(${LABEL_WIDTH + c * CELL + CELL / 2 + 4} ${HEADER_HEIGHT - 6}) rotate(-55)`}>
              {t('heatMap.themeWithCount', { theme: d(`theme.${theme.id}`), n: number(countOf.get(theme.id) ?? 0) })}
            </text>
          ))}
          {rows.map((member, r) => (
            <g key={member.id} data-member={member.name} transform={`translate(0 ${HEADER_HEIGHT + r * CELL})`}>
              <text className="heat-map__row" x={LABEL_WIDTH - 8} y={CELL / 2 + 4} textAnchor="end">
                {truncate(member.name, 26)}
              </text>
              {columns.map((theme, c) => {
                const priority = priorityOf(member, theme.id);
                const level = priority ? LEVELS[priority] : 0;
                return (
                  <g key={theme.id} transform={`translate(${LABEL_WIDTH + c * CELL} 0)`} data-theme={theme.id} data-priority={priority ?? 'none'}>
                    <rect width={CELL - 2} height={CELL - 2} rx={3} fill={FILLS[level]} />
                    <text x={(CELL - 2) / 2} y={CELL / 2 + 3} textAnchor="middle" className="heat-map__letter" fill={INKS[level]}>
                      {letter(level)}
                    </text>
                  </g>
                );
              })}
            </g>
          ))}
        </svg>
      </ScrollArea>
      <figcaption className="legend">
        {PRIORITIES.map((p) => (
          <span key={p} className="legend__item">
            <svg width="16" height="16" aria-hidden="true">
              <rect width="16" height="16" rx="3" fill={FILLS[LEVELS[p]]} stroke="#5c6670" />
            </svg>
            {t('heatMap.legend', { priority: d(`priority.${p}`), letter: letter(LEVELS[p]) })}
          </span>
        ))}
      </figcaption>
      <details className="chart__table">
        <summary>{t('heatMap.asTable')}</summary>
        <ScrollArea label={t('heatMap.asTable')}>
          <table>
            <caption>{t('heatMap.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('membersTable.member')}</th>
                {columns.map((theme) => (
                  <th scope="col" key={theme.id}>
                    {t('heatMap.themeWithCount', { theme: d(`theme.${theme.id}`), n: number(countOf.get(theme.id) ?? 0) })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((member) => (
                <tr key={member.id}>
                  <th scope="row">
                    <MemberText text={member.name} />
                  </th>
                  {columns.map((theme) => {
                    const priority = priorityOf(member, theme.id);
                    return (
                      <td key={theme.id}>
                        {priority ? (
                          d(`priority.${priority}`)
                        ) : (
                          <>
                            <span aria-hidden="true">–</span>
                            <span className="visually-hidden">{t('heatMap.notChosen')}</span>
                          </>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      </details>
    </figure>
  );
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
