// One alert's map with Leaflet and no tile server: a plain background, the alert's polygons and circles, the
// targeted households as points coloured by state (canvas: 19,000 points draw fast), the shelters with how
// many households were sent to each, and a legend. `update` redraws the households and shelters in place.
import * as L from 'leaflet';
import type { AlertMap, HouseholdState } from './alert-api.ts';
import { householdStateStyle } from './alert-labels.ts';
import { el } from './dom.ts';

export interface AlertMapView {
  root: HTMLElement;
  update(map: AlertMap): void;
  /** Lets go of the map (Leaflet listens to the window while a map exists). */
  dispose(): void;
}

type Feature = AlertMap['features'][number];
const pointOf = (feature: Feature): L.LatLngExpression => {
  const [lon = 0, lat = 0] = feature.geometry.coordinates as number[];
  return [lat, lon];
};

function legend(): HTMLElement {
  return el(
    'ul',
    { class: 'map-legend', 'aria-label': '凡例' },
    ...Object.values(householdStateStyle).map(({ colour, label }) =>
      el('li', {}, el('span', { class: 'swatch', style: `background:${colour}` }), label),
    ),
    el('li', {}, el('span', { class: 'swatch shelter' }), '避難所（数字は割り当て世帯数）'),
    el('li', {}, el('span', { class: 'swatch area' }), '対象地域'),
  );
}

export function alertMapView(): AlertMapView {
  const canvas = el('div', { class: 'alert-map', role: 'img', 'aria-label': '対象地域・世帯・避難所の地図' });
  const root = el('figure', { class: 'map-figure' }, canvas, el('figcaption', {}, legend()));
  // Households above the shelter markers: the demo town's homes sit around its shelters.
  const renderer = L.canvas({ padding: 0.2, pane: 'households' });
  let map: L.Map | undefined;
  const areas = L.featureGroup();
  const households = L.layerGroup();
  const shelters = L.layerGroup();

  const draw = (data: AlertMap) => {
    areas.clearLayers();
    households.clearLayers();
    shelters.clearLayers();
    for (const feature of data.features) {
      const properties = feature.properties;
      if (properties.layer === 'area') {
        const options = { color: '#a50e0e', weight: 3, fillOpacity: 0.08 };
        if (feature.geometry.type === 'Polygon') {
          const ring = (feature.geometry.coordinates[0] ?? []).map(
            ([lon = 0, lat = 0]) => [lat, lon] as L.LatLngTuple,
          );
          areas.addLayer(L.polygon(ring, options).bindTooltip(properties.desc));
        } else if (properties.radiusKm !== null) {
          const radius = properties.radiusKm * 1000;
          areas.addLayer(L.circle(pointOf(feature), { ...options, radius }).bindTooltip(properties.desc));
        }
      } else if (properties.layer === 'household') {
        const style = householdStateStyle[properties.state as HouseholdState];
        households.addLayer(
          L.circleMarker(pointOf(feature), {
            renderer,
            radius: 5,
            weight: 1,
            color: '#ffffff',
            fillColor: style.colour,
            fillOpacity: 0.95,
          }),
        );
      } else {
        shelters.addLayer(
          L.marker(pointOf(feature), {
            icon: L.divIcon({
              className: 'shelter-marker',
              html: String(properties.assigned),
              iconSize: [22, 22],
            }),
            title: `${properties.name}（${properties.assigned}世帯）`,
            keyboard: false,
          }).bindTooltip(`${properties.name}：${properties.assigned}世帯`),
        );
      }
    }
  };

  /** Everything the alert concerns, from the data (Leaflet needs a view before it can place any layer). */
  const boundsOf = (data: AlertMap): L.LatLngBounds => {
    const bounds = L.latLngBounds([]);
    for (const feature of data.features) {
      if (feature.geometry.type === 'Polygon') {
        for (const [lon = 0, lat = 0] of feature.geometry.coordinates[0] ?? []) bounds.extend([lat, lon]);
      } else if (feature.properties.layer === 'area' && feature.properties.radiusKm !== null) {
        bounds.extend(L.latLng(pointOf(feature)).toBounds(feature.properties.radiusKm * 2000));
      } else bounds.extend(pointOf(feature));
    }
    return bounds;
  };

  return {
    root,
    update(data) {
      if (!map) {
        // Leaflet measures its container: the map is made once the page has placed it and data is here.
        map = L.map(canvas, { preferCanvas: true, zoomSnap: 0.5, attributionControl: false });
        const pane = map.createPane('households');
        pane.style.zIndex = '650';
        // Clicks go through to the shelters' tooltips.
        pane.style.pointerEvents = 'none';
        const bounds = boundsOf(data);
        if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
        else map.setView([36.2, 138.25], 5);
        for (const group of [areas, households, shelters]) group.addTo(map);
        L.control.scale({ imperial: false }).addTo(map);
      }
      draw(data);
    },
    dispose() {
      map?.remove();
      map = undefined;
    },
  };
}
