import Type from 'typebox';
import { dataRequestStatuses, datasetProblemKinds, harvestKinds, harvestSchedules } from '../../db/schema/index.ts';
import { themeCodes } from '../challenges/themes.ts';
import { Day, Text, WebAddress } from '../../web/forms.ts';

export const SourceForm = Type.Object({
  title: Type.String({ minLength: 2, maxLength: 200 }),
  url: WebAddress(true),
  kind: Type.Enum(harvestKinds),
  schedule: Type.Enum(harvestSchedules),
  organisation: Type.String({ maxLength: 40 }),
});

export const LinkForm = Type.Object({ dataset: Type.String({ minLength: 36, maxLength: 36 }) });

/** The EU access-right vocabulary, the values DCAT-AP-SE allows for dcterms:accessRights. */
export const accessRights = ['PUBLIC', 'RESTRICTED', 'NON_PUBLIC'] as const;
export const ACCESS_RIGHT_BASE = 'http://publications.europa.eu/resource/authority/access-right/';

/**
 * A dataset registered here, by DCAT-AP-SE: title, description and publisher are mandatory (the publisher is the
 * organisation it is registered for); contact point, themes, keywords, access rights and dates are recommended.
 */
export const DatasetForm = Type.Object({
  organisation: Type.String({ minLength: 1, maxLength: 100 }),
  titleSv: Text(200, 3),
  titleEn: Text(200),
  descriptionSv: Text(8000, 10),
  descriptionEn: Text(8000),
  themes: Type.Array(Type.Enum(themeCodes), { minItems: 1, maxItems: themeCodes.length }),
  keywords: Text(500),
  contactName: Text(120, 2),
  contactEmail: Type.String({ format: 'email', maxLength: 254 }),
  landingPage: WebAddress(false),
  accessRights: Type.Enum(accessRights),
  issued: Day,
  modified: Day,
});

/** Common file types, as EU file-type codes; the publisher picks one. */
export const fileTypes = [
  'CSV',
  'JSON',
  'GEOJSON',
  'XML',
  'XLSX',
  'ODS',
  'PDF',
  'ZIP',
  'RDF_XML',
  'RDF_TURTLE',
  'JSON_LD',
  'SHP',
  'GPKG',
  'HTML',
  'TXT',
] as const;

/** Licences DCAT-AP-SE publishers use most; dataportal.se recommends CC0 for open data. */
export const licences = {
  'http://creativecommons.org/publicdomain/zero/1.0/': 'CC0 1.0',
  'http://creativecommons.org/licenses/by/4.0/': 'CC BY 4.0',
  'http://creativecommons.org/licenses/by-sa/4.0/': 'CC BY-SA 4.0',
} as const;

/** A distribution: the access URL is mandatory; description, format and licence are recommended. */
export const DistributionForm = Type.Object({
  titleSv: Text(200),
  titleEn: Text(200),
  descriptionSv: Text(2000),
  descriptionEn: Text(2000),
  accessUrl: WebAddress(true),
  downloadUrl: WebAddress(false),
  format: Type.Enum(fileTypes),
  licence: Type.Enum(Object.keys(licences) as (keyof typeof licences)[]),
});

/** The dataset form's fields as JSON for the API (`themes` an array; dates as YYYY-MM-DD). */
export const DatasetApiBody = Type.Object(
  {
    organisation: Type.Optional(Type.String({ maxLength: 100, description: "Slug of the publisher; a token's own by default" })),
    titleSv: Type.String({ maxLength: 200 }),
    titleEn: Type.Optional(Type.String({ maxLength: 200 })),
    descriptionSv: Type.String({ maxLength: 8000 }),
    descriptionEn: Type.Optional(Type.String({ maxLength: 8000 })),
    themes: Type.Array(Type.String({ maxLength: 10 }), { maxItems: 20 }),
    keywords: Type.Optional(Type.String({ maxLength: 500 })),
    contactName: Type.String({ maxLength: 120 }),
    contactEmail: Type.String({ maxLength: 254 }),
    landingPage: Type.Optional(Type.String({ maxLength: 2000 })),
    accessRights: Type.Optional(Type.Enum(accessRights)),
    issued: Type.Optional(Type.String({ maxLength: 10 })),
    modified: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
);
export const DistributionApiBody = Type.Object(
  {
    titleSv: Type.Optional(Type.String({ maxLength: 200 })),
    titleEn: Type.Optional(Type.String({ maxLength: 200 })),
    descriptionSv: Type.Optional(Type.String({ maxLength: 2000 })),
    descriptionEn: Type.Optional(Type.String({ maxLength: 2000 })),
    accessUrl: Type.String({ maxLength: 2000 }),
    downloadUrl: Type.Optional(Type.String({ maxLength: 2000 })),
    format: Type.Enum(fileTypes),
    licence: Type.String({ maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const DatasetStatusForm = Type.Object({ status: Type.Enum(['active', 'withdrawn'] as const) });

export const ReportForm = Type.Object({
  kind: Type.Enum(datasetProblemKinds),
  message: Text(2000, 10),
});

export const AnswerForm = Type.Object({ answer: Text(2000, 2) });

/** Data someone asks a publisher for; the challenge or event it is for comes from the page they started on. */
export const DataRequestForm = Type.Object({
  title: Text(200, 5),
  description: Text(4000, 10),
  format: Text(100),
  challenge: Type.String({ maxLength: 36 }),
  event: Type.String({ maxLength: 36 }),
});

/** The publisher's answer: a status, and why (a declined request must say why; a published one names its dataset). */
export const DataRequestAnswerForm = Type.Object({
  status: Type.Enum(dataRequestStatuses),
  answer: Text(2000),
  dataset: Type.String({ maxLength: 36 }),
});
