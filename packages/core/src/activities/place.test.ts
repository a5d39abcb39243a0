import { describe, expect, it } from 'vitest';
import { checkPlace, distanceMetres } from './place.ts';

const venue = { lat: 30.2741, lng: 120.1551, radiusM: 200 };
/** A point `m` metres north of the venue (one degree of latitude ≈ 111,195 m on the mean sphere). */
const north = (m: number) => ({ lat: venue.lat + m / 111_195.08, lng: venue.lng });

describe('place check of a sign-in', () => {
  it('measures great-circle distances', () => {
    expect(distanceMetres(venue, venue)).toBe(0);
    expect(distanceMetres(venue, north(1000))).toBeCloseTo(1000, 0);
    // Hangzhou → Beijing (天安门) is about 1,124 km.
    expect(distanceMetres(venue, { lat: 39.9087, lng: 116.3975 }) / 1000).toBeCloseTo(1124, -1);
  });

  it.each([
    [0, true],
    [199, true],
    [199.9, true],
    [200.5, false],
    [201, false],
    [5000, false],
  ])('%f m from the venue with a 200 m radius → within %s', (m, within) => {
    expect(checkPlace(venue, north(m)).within).toBe(within);
  });
});
