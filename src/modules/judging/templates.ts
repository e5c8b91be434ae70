/** The two criteria sets Hack for Sweden used: per challenge in the sub-competitions, and NABC pitches in the final. */
export const criteriaTemplates = {
  challenge: [
    {
      nameSv: 'Begriplighet',
      nameEn: 'Comprehensibility',
      guidanceSv: 'Är problemet och lösningen lätta att förstå?',
      guidanceEn: 'Are the problem and the solution easy to understand?',
    },
    {
      nameSv: 'Genomförbarhet',
      nameEn: 'Realisability',
      guidanceSv: 'Kan lösningen bli verklighet med rimliga resurser?',
      guidanceEn: 'Can the solution become real with reasonable resources?',
    },
    {
      nameSv: 'Innovationshöjd',
      nameEn: 'Innovativeness',
      guidanceSv: 'Är angreppssättet nytt för behovsägaren?',
      guidanceEn: 'Is the approach new to the need owner?',
    },
    {
      nameSv: 'Skalbarhet',
      nameEn: 'Scalability',
      guidanceSv: 'Kan lösningen användas av fler organisationer eller i större skala?',
      guidanceEn: 'Can more organisations use it, or at a larger scale?',
    },
    {
      nameSv: 'Samhällsnytta',
      nameEn: 'Benefit for society',
      guidanceSv: 'Hur mycket gör lösningen för invånare och samhälle?',
      guidanceEn: 'How much does it do for residents and society?',
    },
    {
      nameSv: 'Värdeåterföring',
      nameEn: 'Return on value',
      guidanceSv: 'Står nyttan i proportion till kostnaden?',
      guidanceEn: 'Is the benefit in proportion to the cost?',
    },
  ],
  nabc: [
    { nameSv: 'Behov (Need)', nameEn: 'Need', guidanceSv: 'Är behovet tydligt och viktigt?', guidanceEn: 'Is the need clear and important?' },
    {
      nameSv: 'Angreppssätt (Approach)',
      nameEn: 'Approach',
      guidanceSv: 'Är lösningen trovärdig och genomtänkt?',
      guidanceEn: 'Is the approach credible and well thought out?',
    },
    {
      nameSv: 'Nytta (Benefit)',
      nameEn: 'Benefit',
      guidanceSv: 'Vad vinner användare och samhälle, per kostnad?',
      guidanceEn: 'What do users and society gain, per cost?',
    },
    {
      nameSv: 'Alternativ (Competition)',
      nameEn: 'Competition',
      guidanceSv: 'Är lösningen bättre än det som finns?',
      guidanceEn: 'Is it better than the alternatives?',
    },
  ],
} as const;
export type TemplateName = keyof typeof criteriaTemplates;
