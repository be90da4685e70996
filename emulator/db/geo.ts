import { resolve } from 'mingo/util';
import { isPlainObject } from './ejson';

/**
 * Geo query operators on GeoJSON points ([longitude, latitude]), which mingo lacks: $nearSphere,
 * $geoWithin ($centerSphere, $geometry Polygon/MultiPolygon) and $geoIntersects (Point, Polygon).
 * Distances are on a sphere of Mongo's radius.
 */
export const EARTH_RADIUS_METERS = 6378100;

type Position = [number, number];

function pointOf(value: unknown): Position | undefined {
  if (isPlainObject(value) && value.type === 'Point' && Array.isArray(value.coordinates)) {
    const [lng, lat] = value.coordinates as unknown[];
    if (typeof lng === 'number' && typeof lat === 'number') return [lng, lat];
  }
  return undefined;
}

const rad = (deg: number): number => (deg * Math.PI) / 180;

/** Central angle in radians between two positions (haversine). */
function angle(a: Position, b: Position): number {
  const dLat = rad(b[1] - a[1]);
  const dLng = rad(b[0] - a[0]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLng / 2) ** 2;
  return 2 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function distanceMeters(a: Position, b: Position): number {
  return angle(a, b) * EARTH_RADIUS_METERS;
}

function inRing(p: Position, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(p: Position, rings: Position[][]): boolean {
  return rings.length > 0 && inRing(p, rings[0]) && !rings.slice(1).some((hole) => inRing(p, hole));
}

function inGeometry(p: Position, geometry: unknown): boolean {
  if (!isPlainObject(geometry)) return false;
  if (geometry.type === 'Polygon') return inPolygon(p, geometry.coordinates as Position[][]);
  if (geometry.type === 'MultiPolygon')
    return (geometry.coordinates as Position[][][]).some((poly) => inPolygon(p, poly));
  if (geometry.type === 'Point') {
    const q = pointOf(geometry);
    return q !== undefined && q[0] === p[0] && q[1] === p[1];
  }
  return false;
}

export interface NearSphere {
  center: Position;
  min: number;
  max: number;
}

export function parseNearSphere(args: unknown): NearSphere {
  const spec = isPlainObject(args) ? args : {};
  const center = pointOf(spec.$geometry) ?? (Array.isArray(args) ? (args as Position) : undefined);
  if (!center) throw new Error('$nearSphere needs a $geometry point');
  return {
    center,
    min: typeof spec.$minDistance === 'number' ? spec.$minDistance : 0,
    max: typeof spec.$maxDistance === 'number' ? spec.$maxDistance : Infinity,
  };
}

type Predicate = (obj: Record<string, unknown>) => boolean;

export const geoQueryOperators = {
  $nearSphere(selector: string, args: unknown): Predicate {
    const near = parseNearSphere(args);
    return (obj) => {
      const p = pointOf(resolve(obj, selector));
      if (!p) return false;
      const d = distanceMeters(near.center, p);
      return d >= near.min && d <= near.max;
    };
  },
  $geoWithin(selector: string, args: unknown): Predicate {
    const spec = isPlainObject(args) ? args : {};
    return (obj) => {
      const p = pointOf(resolve(obj, selector));
      if (!p) return false;
      if (Array.isArray(spec.$centerSphere)) {
        const [center, radius] = spec.$centerSphere as [Position, number];
        return angle(center, p) <= radius;
      }
      return inGeometry(p, spec.$geometry);
    };
  },
  $geoIntersects(selector: string, args: unknown): Predicate {
    const spec = isPlainObject(args) ? args : {};
    return (obj) => {
      const p = pointOf(resolve(obj, selector));
      return p !== undefined && inGeometry(p, spec.$geometry);
    };
  },
};

/** The top-level $nearSphere of a query, whose results Mongo orders by distance. */
export function findNearSphere(query: Record<string, unknown>): { field: string; near: NearSphere } | undefined {
  for (const [field, condition] of Object.entries(query)) {
    if (isPlainObject(condition) && condition.$nearSphere !== undefined)
      return { field, near: parseNearSphere(condition.$nearSphere) };
  }
  return undefined;
}

export function distanceTo(doc: Record<string, unknown>, field: string, center: Position): number {
  const p = pointOf(resolve(doc, field));
  return p ? distanceMeters(center, p) : Infinity;
}
