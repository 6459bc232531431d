// The demo households of 美波町: the three card holders of the development PKI at their certificates' addresses,
// then a few hundred made-up families placed around the shelter sites of each 大字, with what alerts need: the
// members' needs, 避難支援者 households supporting a neighbour who needs help, a few English speakers, and
// most agreeing to be addressed by name. Deterministic: the same count gives the same town, so a later start
// recognises what an earlier one created.
import { demoHolders } from '../dev-jpki/index.ts';
import type { Household, HouseholdNeeds } from '../devices/index.ts';
import { assistanceNeeds, type DemoMember, type DemoNeed, demoFamily } from './demo-people.ts';
import { demoLocalGovernmentCode, demoSettlements, demoTownAddress, settlementNamed } from './demo-town.ts';
import { type SeededRandom, seededRandom } from './seeded-random.ts';

export interface DemoHousehold {
  /** Stable name of the household in the demo, also the label of its set-top box: `デモ世帯 0001`. */
  key: string;
  /** The development PKI holder living here, for the three card holders' homes. */
  holderId?: string;
  settlement: string;
  members: DemoMember[];
  /** What enrolment stores (sealed), but for `supporterOf`: ids exist only once enrolled (see `supports`). */
  household: Household;
  /** Keys of the households this one's 避難支援者 supports (always earlier in the list, so enrolled first). */
  supports: string[];
}

export const defaultDemoHouseholdCount = 300;

const seed = 363871;
/** Language and consent come from their own sequence, so the places and families stay as they always were. */
const careSeed = 363872;
/** Share of made-up households asking for English, and agreeing to names. */
const englishShare = 0.03;
const namesConsentShare = 0.7;
/** A supporter looks this far back in the list for a neighbour in its 大字 who needs help. */
const supportLookBack = 200;
/** Households sit within this distance of a shelter site of their 大字. */
const spreadMetres = 350;
const metresPerDegree = 111_320;

/** Where each card holder lives: the 大字 of the certificate's address, next to a site named by 共通ID. */
const holderHomes: Record<
  string,
  { settlement: string; nearSite: string; needs: DemoMember['needs']; family: DemoMember[] }
> = {
  'tanaka-hanako': {
    settlement: '奥河内',
    nearSite: 'E3638700010201', // 日和佐公民館, 奥河内字寺前
    needs: ['elderly'],
    family: [],
  },
  'sato-yui': {
    settlement: '北河内',
    nearSite: 'E3638700037111', // 北河内集会所, 北河内字本村
    needs: [],
    family: [
      { name: '佐藤\u3000健太', birthYear: 1990, needs: ['supporter'] },
      { name: '佐藤\u3000陽菜', birthYear: 2021, needs: [] },
    ],
  },
  'suzuki-ichiro': {
    settlement: '西河内',
    nearSite: 'E3638700025111', // 西河内集会所, 西河内字丹前
    needs: ['elderly', 'mobility', 'welfare-shelter'],
    family: [{ name: '鈴木\u3000和子', birthYear: 1944, needs: ['elderly', 'hearing'] }],
  },
};

const keyOf = (index: number) => `デモ世帯 ${String(index + 1).padStart(4, '0')}`;
const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

function needsOf(members: readonly DemoMember[]): HouseholdNeeds {
  const has = (need: DemoNeed) => members.some((m) => m.needs.includes(need));
  return {
    elderly: has('elderly'),
    mobility: has('mobility'),
    hearing: has('hearing'),
    visual: has('visual'),
    welfareShelter: has('welfare-shelter'),
  };
}

function toHousehold(options: {
  address: string;
  latitude: number;
  longitude: number;
  machiazaId: string;
  members: DemoMember[];
  language: 'ja' | 'en';
  namesConsent: boolean;
}): Household {
  return {
    address: options.address,
    latitude: round6(options.latitude),
    longitude: round6(options.longitude),
    localGovernmentCode: demoLocalGovernmentCode,
    machiazaId: options.machiazaId,
    members: options.members.map((m) => ({
      name: m.name,
      birthYear: m.birthYear,
      needsAssistance: m.needs.some((need) => assistanceNeeds.has(need)),
    })),
    needs: needsOf(options.members),
    language: options.language,
    namesConsent: options.namesConsent,
  };
}

function holderHousehold(index: number): DemoHousehold {
  const holder = demoHolders[index];
  const home = holder && holderHomes[holder.id];
  if (!holder || !home) throw new RangeError(`no demo home for holder #${index}`);
  const settlement = settlementNamed(home.settlement);
  const site = settlement.sites.find((s) => s.id === home.nearSite);
  if (!site) throw new RangeError(`site ${home.nearSite} is not in ${home.settlement}`);
  const members: DemoMember[] = [
    {
      name: holder.basicInfo.name,
      birthYear: Number(holder.basicInfo.dateOfBirth.slice(1, 5)),
      needs: home.needs,
    },
    ...home.family,
  ];
  return {
    key: keyOf(index),
    holderId: holder.id,
    settlement: settlement.name,
    members,
    // A short walk (about 150 m) north-east of the site.
    household: toHousehold({
      address: holder.basicInfo.address,
      latitude: site.latitude + 0.001,
      longitude: site.longitude + 0.001,
      machiazaId: settlement.machiazaId,
      members,
      language: 'ja',
      namesConsent: true,
    }),
    supports: [],
  };
}

function madeUpHousehold(index: number, random: SeededRandom, care: SeededRandom): DemoHousehold {
  const settlement = random.weighted(demoSettlements(), (s) => s.weight);
  const site = random.pick(settlement.sites);
  const distance = spreadMetres * Math.sqrt(random.next());
  const bearing = 2 * Math.PI * random.next();
  const latitude = site.latitude + (distance * Math.cos(bearing)) / metresPerDegree;
  const longitude =
    site.longitude +
    (distance * Math.sin(bearing)) / (metresPerDegree * Math.cos((site.latitude * Math.PI) / 180));
  const members = demoFamily(random);
  return {
    key: keyOf(index),
    settlement: settlement.name,
    members,
    household: toHousehold({
      address: `${demoTownAddress}${settlement.name}${random.between(1, 999)}番地`,
      latitude,
      longitude,
      machiazaId: settlement.machiazaId,
      members,
      language: care.chance(englishShare) ? 'en' : 'ja',
      namesConsent: care.chance(namesConsentShare),
    }),
    supports: [],
  };
}

const needsHelp = (demo: DemoHousehold) =>
  demo.members.some((m) => m.needs.some((n) => assistanceNeeds.has(n)));

/**
 * Each household with a 避難支援者 member supports the nearest earlier household of its 大字 that needs help and
 * has no supporter yet (as 避難行動要支援者名簿 pair neighbours).
 */
function pairSupporters(households: DemoHousehold[]): void {
  const supported = new Set<string>();
  households.forEach((demo, index) => {
    if (!demo.members.some((m) => m.needs.includes('supporter'))) return;
    let best: DemoHousehold | undefined;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (let i = Math.max(0, index - supportLookBack); i < index; i += 1) {
      const other = households[i] as DemoHousehold;
      if (other.settlement !== demo.settlement || supported.has(other.key) || !needsHelp(other)) continue;
      const distance =
        (other.household.latitude - demo.household.latitude) ** 2 +
        (other.household.longitude - demo.household.longitude) ** 2;
      if (distance < bestDistance) {
        best = other;
        bestDistance = distance;
      }
    }
    if (best) {
      supported.add(best.key);
      demo.supports.push(best.key);
    }
  });
}

/** The demo town's households, the card holders' homes first. */
export function demoHouseholds(count: number = defaultDemoHouseholdCount): DemoHousehold[] {
  if (!Number.isInteger(count) || count < demoHolders.length) {
    throw new RangeError(`the demo needs at least ${demoHolders.length} households`);
  }
  const random = seededRandom(seed);
  const care = seededRandom(careSeed);
  const households = Array.from({ length: count }, (_, index) =>
    index < demoHolders.length ? holderHousehold(index) : madeUpHousehold(index, random, care),
  );
  pairSupporters(households);
  return households;
}
