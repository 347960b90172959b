import type { MatchState } from '@culturebridge/domain';
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
};
const SHOWN_STATES = Object.keys(EDGE_COLOURS) as (keyof typeof EDGE_COLOURS)[];

/**
 * Members on a circle, matches as edges: the thicker, the higher the score. Members without any live
 * match are drawn as rings, so a coordinator sees at once who is left out.
 */
export function MatchGraph({ members, matches, matchesOf }: { members: readonly NetworkMember[]; matches: readonly NetworkMatch[]; matchesOf: ReadonlyMap<string, number> }) {
  const { t, number } = useLocale();
  const nodes = [...members].sort((a, b) => a.name.localeCompare(b.name));
  const layout = circleLayout(nodes.length, CENTER, RADIUS);
  const points = new Map(nodes.map((member, i) => [member.id, layout[i] ?? CENTER]));
  const edges = matches.filter((m): m is NetworkMatch & { state: keyof typeof EDGE_COLOURS } => m.state !== 'withdrawn' && m.profileIds.every((id) => points.has(id)));
  const alone = nodes.filter((m) => !matchesOf.get(m.id)).length;
  // Widths spread over this network's own range of scores, so that differences show.
  const scores = edges.map((m) => m.score);
  const [low, high] = [Math.min(...scores), Math.max(...scores)];
  const strokeWidth = (score: number) => 1.5 + (high > low ? (score - low) / (high - low) : 0.5) * 6;
  const range = edges.length ? t('graph.range', { low: number(Math.round(low * 100)), high: number(Math.round(high * 100)) }) : '';

  return (
    <figure className="chart">
      <ScrollArea className="chart__scroll" label={t('graph.title')}>
        <svg className="match-graph" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="match-graph-title match-graph-desc">
          <title id="match-graph-title">{t('graph.title')}</title>
          <desc id="match-graph-desc">
            {t('graph.desc', { members: nodes.length, matches: edges.length, range, alone })}
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
                  strokeDasharray={match.state === 'declined' ? '6 5' : undefined}
                  strokeLinecap="round"
                  opacity={match.state === 'declined' ? 0.7 : 0.85}
                >
                  <title>{t('graph.edge', { a: match.names[0], b: match.names[1], state: t(`matchState.${match.state}`), score: number(Math.round(match.score * 100)) })}</title>
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
                <g key={member.id} data-member={member.name}>
                  <circle cx={p.x} cy={p.y} r={8} className={matched ? 'node node--matched' : 'node node--alone'} />
                  <text x={label.x} y={label.y} textAnchor={Math.abs(dx) < 4 ? 'middle' : right ? 'start' : 'end'} className="match-graph__label">
                    {truncate(member.name, 24)}
                  </text>
                  <title>{t('graph.node', { name: member.name, count: matchesOf.get(member.id) ?? 0, status: t(`profileStatus.${member.status}`) })}</title>
                </g>
              );
            })}
          </g>
        </svg>
      </ScrollArea>
      <figcaption className="legend">
        {SHOWN_STATES.map((state) => (
          <span key={state} className="legend__item">
            <svg width="28" height="10" aria-hidden="true">
              <line x1="2" y1="5" x2="26" y2="5" stroke={EDGE_COLOURS[state]} strokeWidth="4" strokeDasharray={state === 'declined' ? '6 5' : undefined} />
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
