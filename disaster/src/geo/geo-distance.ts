// Distance on the Earth between two WGS84 points. Haversine on a sphere of the mean radius: within 0.5 % of
// the ellipsoid, plenty for "which shelter is nearest" inside a town.

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/** IUGG mean Earth radius, metres. */
const earthRadiusMetres = 6_371_008.8;

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in metres. */
export function distanceMetres(a: GeoPoint, b: GeoPoint): number {
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * earthRadiusMetres * Math.asin(Math.min(1, Math.sqrt(h)));
}
