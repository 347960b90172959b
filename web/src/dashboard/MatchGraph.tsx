import { useState } from 'react';
import { scoreOutOf100, type MatchState } from '@culturebridge/domain';
import { ScrollArea } from '../components/ScrollArea';
import type { NetworkMatch, NetworkMember } from '../api/types';
import { useLocale } from '../i18n/use-locale';
import { circleLayout } from './circle-layout';
import { truncate } from './HeatMap';

const WIDTH = 820;
const HEIGHT = 600;
const CENTER = { x: WIDTH / 2, y: HEIGHT / 2 };
const RADIUS = 220;

/** Edge colours, each at least 3:1 against white; declined pairs are dashed as well as grey. */
const EDGE_COLOURS: Record<Exclude<MatchState, 'withdrawn'>, string> = {
  confirmed: '#1b6e3a',
  accepted: '#8a5300',
  proposed: '#2f5d9a',
  declined: '#8b949e',
  expired: '#8b949e',
};
const SHOWN_STATES = Object.keys(EDGE_COLOURS) as (keyof typeof EDGE_COLOURS)[];

/** Which edges to draw: a graph of 50 members with every edge is a hairball, so coordinators choose. */
const EDGE_FILTERS = {
  all: { states: SHOWN_STATES },
  confirmed: { states: ['confirmed'] },
  waiting: { states: ['proposed', 'accepted'] },
  closed: { states: ['declined', 'expired'] },
} as const satisfies Record<string, { states: readonly (keyof typeof EDGE_COLOURS)[] }>;
type EdgeFilter = keyof typeof EDGE_FILTERS;

/** Above this many members the graph starts with confirmed partnerships only. */
const BUSY = 25;
/**
 * Above this many members the circle is no longer readable (thousands of labels made one blob):
 * the graph draws one chosen member and its partners instead.
 */
export const GRAPH_MEMBERS = 60;

/**
 * Members on a circle, grouped by country, matches as edges: the thicker, the higher the score.
 * Members without any live match are drawn as rings, so a coordinator sees at once who is left out.
 * To stay readable at 50 members the coordinator filters the edges by state and can focus on one
 * member (only its edges); a busy network starts with confirmed partnerships only.
 */
export function MatchGraph({ members, matches, matchesOf }: { members: readonly NetworkMember[]; matches: readonly NetworkMatch[]; matchesOf: ReadonlyMap<string, number> }) {
  const { t, number } = useLocale();
  const [edgeFilter, setEdgeFilter] = useState<EdgeFilter>(members.length > BUSY ? 'confirmed' : 'all');
  const [focus, setFocus] = useState('');
  const large = members.length > GRAPH_MEMBERS;
  // A large network: the focused member and everyone it has a match with, or nobody until one is chosen.
  const around = large ? new Set(focus ? [focus, ...matches.filter((m) => m.profileIds.includes(focus)).flatMap((m) => m.profileIds)] : []) : undefined;
  const nodes = members.filter((m) => around === undefined || around.has(m.id)).sort((a, b) => a.country.localeCompare(b.country) || a.name.localeCompare(b.name));
  const layout = circleLayout(nodes.length, CENTER, RADIUS);
  const points = new Map(nodes.map((member, i) => [member.id, layout[i] ?? CENTER]));
  const shown: readonly string[] = EDGE_FILTERS[edgeFilter].states;
  const edges = matches.filter(
    (m): m is NetworkMatch & { state: keyof typeof EDGE_COLOURS } =>
      m.state !== 'withdrawn' && shown.includes(m.state) && m.profileIds.every((id) => points.has(id)) && (!focus || m.profileIds.includes(focus)),
  );
  const alone = nodes.filter((m) => !matchesOf.get(m.id)).length;
  // Widths spread over this network's own range of scores, so that differences show.
  const scores = edges.map((m) => m.score);
  const [low, high] = [Math.min(...scores), Math.max(...scores)];
  const strokeWidth = (score: number) => 1.5 + (high > low ? (score - low) / (high - low) : 0.5) * 6;
  const range = edges.length ? t('graph.range', { low: number(Math.round(low * 100)), high: number(Math.round(high * 100)) }) : '';
  // Three counts, each its own plural key: one count cannot choose the noun forms of the others.
  const graphDesc = t('graph.desc', {
    members: t('graph.descMembers', { count: nodes.length, n: number(nodes.length) }),
    matches: t('graph.descMatches', { count: edges.length, n: number(edges.length) }),
    alone: t('graph.descAlone', { count: alone, n: number(alone) }),
    range,
  });

  return (
    <figure className="chart">
      <div className="chart__controls">
        <label>
          {t('graph.show')}
          <select value={edgeFilter} onChange={(e) => setEdgeFilter(e.target.value as EdgeFilter)}>
            {(Object.keys(EDGE_FILTERS) as EdgeFilter[]).map((f) => (
              <option key={f} value={f}>
                {t(`graph.edges.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('graph.focusOn')}
          <select value={focus} onChange={(e) => setFocus(e.target.value)}>
            <option value="">{large ? t('graph.chooseMember') : t('graph.everyMember')}</option>
            {[...members]
              .sort((a, b) => a.name.localeCompare(b.name))
              .map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
          </select>
        </label>
      </div>
      {large && !focus ? <p className="muted">{t('graph.chooseOne', { count: members.length, n: number(members.length), max: number(GRAPH_MEMBERS) })}</p> : null}
      {large && !focus ? null : (
      <ScrollArea className="chart__scroll" label={t('graph.title')}>
        <svg className="match-graph" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="match-graph-title match-graph-desc">
          <title id="match-graph-title">{t('graph.title')}</title>
          <desc id="match-graph-desc">
            {[graphDesc, t('graph.filterNote', { filter: t(`graph.edges.${edgeFilter}`) }), focus ? t('graph.focusNote', { name: members.find((m) => m.id === focus)?.name ?? '' }) : ''].filter(Boolean).join(' ')}
          </desc>
          <g className="match-graph__edges">
            {edges.map((match) => {
              const a = points.get(match.profileIds[0]) ?? CENTER;
              const b = points.get(match.profileIds[1]) ?? CENTER;
              return (
                <line
                  key={match.matchId}
                  data-match-id={match.matchId}
                  data-state={match.state}
                  x1={a.x}
                  y1={a.y}
                  x2={b.x}
                  y2={b.y}
                  stroke={EDGE_COLOURS[match.state]}
                  strokeWidth={strokeWidth(match.score)}
                  strokeDasharray={match.state === 'declined' || match.state === 'expired' ? '6 5' : undefined}
                  strokeLinecap="round"
                  opacity={match.state === 'declined' || match.state === 'expired' ? 0.7 : 0.85}
                >
                  <title>{t('graph.edge', { a: match.names[0], b: match.names[1], state: t(`matchState.${match.state}`), score: scoreOutOf100(match.score, number) })}</title>
                </line>
              );
            })}
          </g>
          <g className="match-graph__nodes">
            {nodes.map((member) => {
              const p = points.get(member.id) ?? CENTER;
              const matched = (matchesOf.get(member.id) ?? 0) > 0;
              const right = p.x >= CENTER.x;
              const dx = p.x - CENTER.x;
              const dy = p.y - CENTER.y;
              const distance = Math.hypot(dx, dy) || 1;
              const label = { x: p.x + (dx / distance) * 14, y: p.y + (dy / distance) * 14 + 4 };
              return (
                <g key={member.id} data-member={member.name} opacity={focus && focus !== member.id && !edges.some((e) => e.profileIds.includes(member.id)) ? 0.35 : 1}>
                  <circle cx={p.x} cy={p.y} r={focus === member.id ? 11 : 8} className={matched ? 'node node--matched' : 'node node--alone'} />
                  <text x={label.x} y={label.y} textAnchor={Math.abs(dx) < 4 ? 'middle' : right ? 'start' : 'end'} className="match-graph__label">
                    {truncate(member.name, 22)} ({member.country})
                  </text>
                  <title>{t('graph.node', { name: member.name, count: matchesOf.get(member.id) ?? 0, status: t(`profileStatus.${member.status}`) })}</title>
                </g>
              );
            })}
          </g>
        </svg>
      </ScrollArea>
      )}
      <figcaption className="legend">
        {SHOWN_STATES.map((state) => (
          <span key={state} className="legend__item">
            <svg width="28" height="10" aria-hidden="true">
              <line x1="2" y1="5" x2="26" y2="5" stroke={EDGE_COLOURS[state]} strokeWidth="4" strokeDasharray={state === 'declined' || state === 'expired' ? '6 5' : undefined} />
            </svg>
            {t(`matchState.${state}`)}
          </span>
        ))}
        <span className="legend__item">
          <svg width="16" height="16" aria-hidden="true">
            <circle cx="8" cy="8" r="6" className="node node--alone" />
          </svg>
          {t('graph.noLiveMatch')}
        </span>
      </figcaption>
    </figure>
  );
}
