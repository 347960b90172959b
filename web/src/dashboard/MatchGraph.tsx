import type { MatchState } from '@culturebridge/domain';
import { ScrollArea } from '../components/ScrollArea';
import type { NetworkMatch, NetworkMember } from '../api/types';
import { STATE_LABELS } from '../lib/labels';
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

/**
 * Members on a circle, matches as edges: the thicker, the higher the score. Members without any live
 * match are drawn as rings, so a coordinator sees at once who is left out.
 */
export function MatchGraph({ members, matches, matchesOf }: { members: readonly NetworkMember[]; matches: readonly NetworkMatch[]; matchesOf: ReadonlyMap<string, number> }) {
  const nodes = [...members].sort((a, b) => a.name.localeCompare(b.name));
  const layout = circleLayout(nodes.length, CENTER, RADIUS);
  const points = new Map(nodes.map((member, i) => [member.id, layout[i] ?? CENTER]));
  const edges = matches.filter((m): m is NetworkMatch & { state: keyof typeof EDGE_COLOURS } => m.state !== 'withdrawn' && m.profileIds.every((id) => points.has(id)));
  const alone = nodes.filter((m) => !matchesOf.get(m.id)).length;
  // Widths spread over this network's own range of scores, so that differences show.
  const scores = edges.map((m) => m.score);
  const [low, high] = [Math.min(...scores), Math.max(...scores)];
  const strokeWidth = (score: number) => 1.5 + (high > low ? (score - low) / (high - low) : 0.5) * 6;
  const range = edges.length ? ` (from ${Math.round(low * 100)} to ${Math.round(high * 100)} of 100)` : '';

  return (
    <figure className="chart">
      <ScrollArea className="chart__scroll" label="Match graph">
        <svg className="match-graph" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="match-graph-title match-graph-desc">
          <title id="match-graph-title">Match graph</title>
          <desc id="match-graph-desc">
            {`${nodes.length} members on a circle and ${edges.length} matches between them; thicker lines mean higher scores${range}. ${alone} members have no live match. The table of all matches below lists the same pairs.`}
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
                  <title>{`${match.names[0]} – ${match.names[1]}: ${STATE_LABELS[match.state].toLowerCase()}, score ${Math.round(match.score * 100)}/100`}</title>
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
                  <title>{`${member.name}: ${matchesOf.get(member.id) ?? 0} live matches, ${member.status}`}</title>
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
            {STATE_LABELS[state]}
          </span>
        ))}
        <span className="legend__item">
          <svg width="16" height="16" aria-hidden="true">
            <circle cx="8" cy="8" r="6" className="node node--alone" />
          </svg>
          No live match yet
        </span>
      </figcaption>
    </figure>
  );
}
