/** The optional place check of a sign-in: the phone must be within the radius around the venue. */

/** A point on the Earth in degrees. */
export interface GeoPoint {
  lat: number;
  lng: number;
}

/** Mean Earth radius in metres (IUGG). */
const earthRadiusM = 6_371_008.8;

/** Great-circle distance in metres between two points (haversine). */
export function distanceMetres(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * earthRadiusM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** How far the phone is from the venue and whether that is within the radius (the edge counts as inside). */
export function checkPlace(
  venue: GeoPoint & { radiusM: number },
  phone: GeoPoint,
): { distanceM: number; within: boolean } {
  const distanceM = distanceMetres(venue, phone);
  return { distanceM, within: distanceM <= venue.radiusM };
}
