export interface Point {
  x: number;
  y: number;
}

/** `count` points evenly on a circle, the first at the top, clockwise. */
export function circleLayout(count: number, center: Point, radius: number): Point[] {
  return Array.from({ length: count }, (_, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(count, 1);
    return { x: center.x + radius * Math.cos(angle), y: center.y + radius * Math.sin(angle) };
  });
}
