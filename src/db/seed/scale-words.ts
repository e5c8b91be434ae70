/** Swedish building blocks for generated scale data. */
export const words = {
  firstNames: ['Anna', 'Erik', 'Maria', 'Lars', 'Karin', 'Johan', 'Sara', 'Mohammed', 'Elin', 'Ahmed', 'Linnea', 'Oskar', 'Fatima', 'Nils', 'Ebba', 'Hassan', 'Maja', 'Per', 'Ida', 'Ali', 'Sofia', 'Anders', 'Leila', 'Gustav', 'Alva'],
  lastNames: ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson', 'Pettersson', 'Jonsson', 'Hassan', 'Ali', 'Lindberg', 'Lindqvist', 'Berg', 'Holm', 'Axelsson', 'Ek'],
  places: ['Södertälje', 'Uppsala', 'Umeå', 'Luleå', 'Kiruna', 'Göteborg', 'Malmö', 'Lund', 'Växjö', 'Kalmar', 'Visby', 'Östersund', 'Sundsvall', 'Gävle', 'Falun', 'Karlstad', 'Örebro', 'Västerås', 'Linköping', 'Norrköping', 'Jönköping', 'Halmstad', 'Borås', 'Skövde', 'Härnösand'],
  agencyStems: ['Vatten', 'Skogs', 'Trafik', 'Kart', 'Energi', 'Miljö', 'Data', 'Hälso', 'Skol', 'Kultur'],
  companyStems: ['Data', 'Karta', 'Nod', 'Insikt', 'Mobilitet', 'Grön', 'Smart', 'Öppen'],
  skills: ['Python', 'R', 'SQL', 'GIS', 'TypeScript', 'Tjänstedesign', 'Maskininlärning', 'Statistik', 'UX', 'Juridik', 'Projektledning', 'Java'],
  titleStarts: ['Tryggare', 'Smartare', 'Hållbarare', 'Enklare', 'Snabbare', 'Öppnare', 'Bättre', 'Jämlikare', 'Säkrare', 'Grönare'],
  topics: ['cykelvägar', 'skolskjutsar', 'kollektivtrafik', 'vattenkvalitet', 'skogsbränder', 'granbarkborrar', 'äldreomsorg', 'bygglov', 'avfallshantering', 'energianvändning', 'luftkvalitet', 'översvämningar', 'vårdköer', 'bibliotek', 'parkering', 'snöröjning', 'dricksvatten', 'naturreservat', 'turism', 'arbetsmarknad', 'bostadsbyggande', 'integration', 'folkhälsa', 'viltolyckor', 'pollinatörer', 'elsparkcyklar', 'laddstolpar', 'matsvinn', 'skolmat', 'friluftsliv'],
  questions: ['Hur kan öppna data förbättra', 'Vad krävs för att utveckla', 'Hur kan vi förenkla', 'Hur kan invånare få bättre information om', 'Hur kan kommunen planera'],
  endings: ['för alla invånare?', 'med hjälp av öppna data?', 'i hela regionen?', 'utan att öka kostnaderna?', 'på ett hållbart sätt?'],
  problems: ['Informationen finns i flera system som inte talar med varandra.', 'Data publiceras men används sällan.', 'Invånare saknar överblick och kontaktar kommunen i onödan.', 'Resurserna räcker inte till manuell uppföljning.', 'Beslut fattas på gamla underlag.'],
  outcomes: ['En prototyp som visar nyttan', 'Ett beslutsstöd byggt på öppna data', 'En tjänst för invånare', 'En karta som samlar underlagen', 'En modell som förutser behoven'],
  targetGroups: ['Invånare i alla åldrar.', 'Handläggare och planerare.', 'Företag och föreningar.', 'Elever och lärare.', 'Äldre och anhöriga.'],
};
