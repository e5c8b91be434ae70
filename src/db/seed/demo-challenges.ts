import type { ChallengeStatus, OrganisationType } from '../schema/index.ts';

/** Demo need owners; organisation numbers are real where known, all pass the check digit. */
export const demoOrganisations: {
  slug: string;
  name: string;
  type: OrganisationType;
  orgNumber: string | null;
  website: string;
  description: string;
  needOwner: boolean;
}[] = [
  {
    slug: 'digg',
    name: 'Myndigheten för digital förvaltning (Digg)',
    type: 'agency',
    orgNumber: '202100-6792',
    website: 'https://www.digg.se',
    description: 'Digg samordnar och stödjer den förvaltningsgemensamma digitaliseringen och driver Hack for Sweden 365.',
    needOwner: true,
  },
  {
    slug: 'sodertalje-kommun',
    name: 'Södertälje kommun',
    type: 'municipality',
    orgNumber: '212000-0142',
    website: 'https://www.sodertalje.se',
    description: 'Södertälje var den första kommunen som behovsägare i Hack for Sweden 365.',
    needOwner: true,
  },
  {
    slug: 'skogsstyrelsen',
    name: 'Skogsstyrelsen',
    type: 'agency',
    orgNumber: '202100-4698',
    website: 'https://www.skogsstyrelsen.se',
    description: 'Sveriges myndighet för frågor som rör skog.',
    needOwner: true,
  },
  {
    slug: 'slu',
    name: 'Sveriges lantbruksuniversitet (SLU)',
    type: 'academia',
    orgNumber: '202100-2817',
    website: 'https://www.slu.se',
    description: 'Universitet för de gröna näringarna, med riksskogstaxeringen och skogliga data.',
    needOwner: true,
  },
  {
    slug: 'rymdstyrelsen',
    name: 'Rymdstyrelsen',
    type: 'agency',
    orgNumber: '202100-2114',
    website: 'https://www.rymdstyrelsen.se',
    description: 'Rymdstyrelsen ansvarar för rymdfrågor och tillgången till satellitdata i Sverige.',
    needOwner: true,
  },
  {
    slug: 'trafikverket',
    name: 'Trafikverket',
    type: 'agency',
    orgNumber: '202100-6297',
    website: 'https://www.trafikverket.se',
    description: 'Trafikverket planerar och förvaltar de statliga vägarna och järnvägarna.',
    needOwner: true,
  },
  {
    slug: 'region-stockholm',
    name: 'Region Stockholm',
    type: 'region',
    orgNumber: '232100-0016',
    website: 'https://www.regionstockholm.se',
    description: 'Regionen ansvarar för hälso- och sjukvård och kollektivtrafik i Stockholms län.',
    needOwner: true,
  },
  {
    slug: 'kartbolaget',
    name: 'Kartbolaget i Norden AB',
    type: 'company',
    orgNumber: '556677-8899',
    website: 'https://kartbolaget.example',
    description: 'Ett företag som bygger kart- och positioneringstjänster på öppna data.',
    needOwner: false,
  },
];

export interface DemoChallenge {
  org: string;
  status: ChallengeStatus;
  titleSv: string;
  titleEn?: string;
  summarySv: string;
  summaryEn?: string;
  problemSv: string;
  outcomeSv: string;
  targetGroupSv?: string;
  themes: string[];
  keywords: string[];
  requirements?: string[];
  prizeSv?: string;
  yearRound?: boolean;
  startsOn?: string;
  endsOn?: string;
}

export const demoChallenges: DemoChallenge[] = [
  {
    org: 'rymdstyrelsen',
    status: 'closed',
    titleSv: 'Upptäck granbarkborrens angrepp med satellitdata',
    titleEn: 'Detect spruce bark beetle damage with satellite data',
    summarySv: 'Granbarkborren har skadat miljontals kubikmeter skog. Hur kan satellitbilder visa angrepp tidigt, så att skogsägare hinner agera?',
    summaryEn:
      'The spruce bark beetle has damaged millions of cubic metres of forest. How can satellite images reveal attacks early enough for forest owners to act?',
    problemSv:
      'Efter torkan 2018 har granbarkborrar angripit granskog i hela södra Sverige. Angreppen syns från marken först när det är för sent. Sentinel-2-data finns öppet, men verktyg som översätter dem till varningar för skogsägare saknas.',
    outcomeSv: 'En tjänst eller modell som pekar ut troliga angrepp i granskog från satellitdata, med en bedömning av hur säker den är.',
    targetGroupSv: 'Skogsägare, skogsbolag och Skogsstyrelsens inventerare.',
    themes: ['AGRI', 'ENVI', 'TECH'],
    keywords: ['granbarkborre', 'satellitdata', 'Sentinel-2', 'skog', 'fjärranalys'],
    requirements: ['open_source', 'open_data'],
    prizeSv: 'Vinnarna presenterar för Rymdstyrelsen och Skogsstyrelsen och får stöd att ta fram en pilot.',
    yearRound: false,
    startsOn: '2020-10-01',
    endsOn: '2020-11-30',
  },
  {
    org: 'skogsstyrelsen',
    status: 'published',
    titleSv: 'Tidig upptäckt av skogsbränder',
    titleEn: 'Early detection of forest fires',
    summarySv: 'Hur kan öppna väderdata, satellitdata och larm från allmänheten hjälpa räddningstjänsten att upptäcka skogsbränder tidigare?',
    problemSv:
      'Skogsbränderna 2018 visade hur snabbt en brand kan sprida sig i torr skog. Information om brandrisk, blixtnedslag och rökobservationer finns i olika system och når inte alltid fram i tid.',
    outcomeSv: 'Ett beslutsstöd som samlar brandrisk, observationer och historiska skogsbränder i en bild.',
    themes: ['ENVI', 'JUST'],
    keywords: ['skogsbrand', 'brandrisk', 'räddningstjänst', 'SMHI'],
    requirements: ['open_source'],
    endsOn: '2027-03-31',
  },
  {
    org: 'slu',
    status: 'published',
    titleSv: 'Vilt och trafik: färre kollisioner med klövvilt',
    summarySv: 'Varje år sker tiotusentals viltolyckor. Kan data om viltstammar, stängsel och trafikflöden förutse var olyckorna sker?',
    problemSv: 'Viltolyckor kostar liv, djurlidande och pengar. Data om viltstammar från jaktstatistik och trafikflöden finns, men används sällan tillsammans.',
    outcomeSv: 'En modell eller karta som visar var risken för viltolyckor är störst, och förslag på åtgärder.',
    themes: ['TRAN', 'AGRI', 'ENVI'],
    keywords: ['viltolyckor', 'älg', 'trafiksäkerhet', 'viltstängsel'],
  },
  {
    org: 'sodertalje-kommun',
    status: 'published',
    titleSv: 'Tryggare cykelvägar till skolan',
    titleEn: 'Safer cycle routes to school',
    summarySv: 'Fler barn ska kunna cykla till skolan. Vilka sträckor upplevs som otrygga, och var behövs åtgärder först?',
    summaryEn: 'More children should be able to cycle to school. Which routes feel unsafe, and where are measures needed first?',
    problemSv:
      'Många föräldrar kör barnen till skolan för att de upplever cykelvägarna som otrygga. Kommunen har data om cykelvägnätet, olyckor och skolornas upptagningsområden men saknar en samlad bild.',
    outcomeSv: 'Ett verktyg som prioriterar åtgärder på cykelvägar kring skolor, byggt på kommunens öppna data.',
    targetGroupSv: 'Elever, föräldrar och kommunens trafikplanerare.',
    themes: ['TRAN', 'EDUC', 'REGI'],
    keywords: ['cyklar', 'cykelväg', 'skolväg', 'trafiksäkerhet', 'barn'],
    requirements: ['accessibility', 'gdpr'],
    endsOn: '2027-01-31',
  },
  {
    org: 'sodertalje-kommun',
    status: 'draft',
    titleSv: 'Enklare e-tjänster för bygglov',
    summarySv: 'Hur kan en ansökan om bygglov bli begriplig för den som söker för första gången?',
    problemSv: 'Många bygglovsansökningar är ofullständiga och måste kompletteras, vilket förlänger handläggningen.',
    outcomeSv: 'En prototyp som guidar sökande genom en komplett ansökan.',
    themes: ['GOVE', 'REGI'],
    keywords: ['bygglov', 'e-tjänst', 'klarspråk'],
  },
  {
    org: 'trafikverket',
    status: 'published',
    titleSv: 'Förutse förseningar i tågtrafiken',
    titleEn: 'Predict delays in rail traffic',
    summarySv: 'Trafikverkets öppna API visar tågens positioner i realtid. Kan förseningar förutses innan de sprider sig i nätet?',
    summaryEn: "Trafikverket's open API shows train positions in real time. Can delays be predicted before they spread through the network?",
    problemSv: 'En försening på en sträcka sprids snabbt till andra tåg. Resenärer får ofta besked sent.',
    outcomeSv: 'En modell som förutser förseningar och en tjänst som ger resenärer bättre besked.',
    themes: ['TRAN', 'TECH'],
    keywords: ['tåg', 'förseningar', 'realtidsdata', 'API'],
    requirements: ['open_data'],
  },
  {
    org: 'trafikverket',
    status: 'archived',
    titleSv: 'Vinterväghållning med öppna väderdata',
    summarySv: 'Hur kan halkbekämpningen planeras bättre med vägväderdata?',
    problemSv: 'Saltning och plogning sker ibland för sent eller i onödan.',
    outcomeSv: 'Bättre prognoser för när och var vägarna behöver åtgärdas.',
    themes: ['TRAN', 'ENVI'],
    keywords: ['vinter', 'halka', 'vägväder'],
    yearRound: false,
    startsOn: '2021-11-01',
    endsOn: '2022-02-28',
  },
  {
    org: 'region-stockholm',
    status: 'published',
    titleSv: 'Kortare väntetider på akuten',
    titleEn: 'Shorter waiting times at the emergency department',
    summarySv: 'Hur kan patienter vägledas till rätt vårdnivå innan de söker sig till akuten?',
    problemSv:
      'Många som söker akutvård hade kunnat få hjälp på vårdcentral eller via 1177. Information om väntetider och öppettider finns men är svår att överblicka.',
    outcomeSv: 'En tjänst som hjälper invånare att välja rätt vårdnivå, byggd på öppna data om väntetider.',
    themes: ['HEAL', 'SOCI'],
    keywords: ['akutmottagning', 'väntetid', 'vårdcentral', '1177'],
    requirements: ['gdpr', 'accessibility'],
  },
  {
    org: 'region-stockholm',
    status: 'closed',
    titleSv: 'Kollektivtrafik för alla',
    summarySv: 'Hur kan resenärer med funktionsnedsättning få bättre information om hissar och tillgänglighet i kollektivtrafiken?',
    problemSv: 'Trasiga hissar och rulltrappor gör resor omöjliga för många, men informationen når inte fram.',
    outcomeSv: 'Realtidsinformation om tillgänglighet som går att använda i reseplanerare.',
    themes: ['TRAN', 'SOCI'],
    keywords: ['tillgänglighet', 'kollektivtrafik', 'hissar'],
  },
  {
    org: 'digg',
    status: 'published',
    titleSv: 'Hitta rätt öppna data snabbare',
    titleEn: 'Find the right open data faster',
    summarySv: 'Sveriges dataportal listar tiotusentals datamängder. Hur hittar en utvecklare de som passar just hennes idé?',
    summaryEn: "Sweden's data portal lists tens of thousands of datasets. How does a developer find the ones that fit her idea?",
    problemSv: 'Metadata håller olika kvalitet och sökningar ger för många eller för få träffar.',
    outcomeSv: 'Förslag på hur sökning, rekommendationer eller metadata kan förbättras, gärna med en prototyp.',
    themes: ['GOVE', 'TECH'],
    keywords: ['dataportal', 'metadata', 'DCAT-AP-SE', 'sökning'],
    requirements: ['open_source', 'open_data'],
  },
  {
    org: 'digg',
    status: 'published',
    titleSv: 'Digital inkludering av äldre',
    summarySv: 'Hur kan fler äldre använda offentliga e-tjänster tryggt och självständigt?',
    problemSv: 'En miljon svenskar använder inte internet regelbundet och riskerar att stängas ute från samhällets tjänster.',
    outcomeSv: 'Idéer och prototyper som sänker trösklarna till offentliga e-tjänster.',
    themes: ['SOCI', 'GOVE'],
    keywords: ['digital inkludering', 'äldre', 'e-tjänster'],
    requirements: ['accessibility'],
  },
  {
    org: 'skogsstyrelsen',
    status: 'draft',
    titleSv: 'Skogsdata i mobilen för skogsägare',
    summarySv: 'Hur kan skogsägare få tillgång till myndigheternas skogsdata direkt i fält?',
    problemSv: 'Data om avverkningsanmälningar, nyckelbiotoper och skador finns men används sällan i fält.',
    outcomeSv: 'En mobil prototyp som visar relevanta skogsdata på plats.',
    themes: ['AGRI', 'ENVI'],
    keywords: ['skogsägare', 'mobil', 'fältdata'],
  },
  {
    org: 'slu',
    status: 'published',
    titleSv: 'Pollinatörer i odlingslandskapet',
    titleEn: 'Pollinators in the farmed landscape',
    summarySv: 'Hur kan lantbrukare se var vilda pollinatörer behöver stöd, utifrån öppna data om markanvändning och arter?',
    problemSv: 'Vilda bin minskar, och med dem pollineringen av grödor. Artobservationer och markdata finns men är svåra att omsätta i åtgärder.',
    outcomeSv: 'Ett kartverktyg som föreslår platser för blomremsor och andra åtgärder.',
    themes: ['AGRI', 'ENVI'],
    keywords: ['pollinatörer', 'bin', 'biologisk mångfald', 'lantbruk'],
    requirements: ['open_data'],
  },
  {
    org: 'slu',
    status: 'published',
    titleSv: 'Varna för algblomning vid badplatser',
    titleEn: 'Warn of algal blooms at bathing sites',
    summarySv: 'Badgäster vill veta om vattnet går att bada i innan de åker. Hur kan kommunernas vattenprov och miljöövervakningens data ge en varning i tid?',
    summaryEn:
      'Bathers want to know whether the water is safe before they set off. How can the municipalities’ water samples and environmental monitoring data give a timely warning?',
    problemSv: 'Algblomning kommer snabbt under varma somrar, men vattenproven vid badplatserna tas sällan och visas på många olika ställen.',
    outcomeSv: 'En tjänst som visar badplatsernas vattenkvalitet och varnar för algblomning, byggd på öppna data.',
    themes: ['ENVI', 'HEAL'],
    keywords: ['badplatser', 'vattenkvalitet', 'algblomning', 'sjöar'],
    requirements: ['open_data'],
  },
];
