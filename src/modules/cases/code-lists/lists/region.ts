import { defineCodeList } from './code-list';

/** ISO 3166-2:TJ regions. */
export const REGION_LIST = defineCodeList({ name: 'region', source: 'ISO 3166-2:TJ' }, [
  ['TJ-DU', 'Dushanbe', 'Душанбе', 'Душанбе'],
  ['TJ-SU', 'Sughd', 'Согдийская область', 'Вилояти Суғд'],
  ['TJ-KT', 'Khatlon', 'Хатлонская область', 'Вилояти Хатлон'],
  ['TJ-GB', 'Gorno-Badakhshan', 'Горно-Бадахшанская АО', 'ВМКБ'],
  ['TJ-RA', 'Districts of Republican Subordination', 'Районы республиканского подчинения', 'Ноҳияҳои тобеи ҷумҳурӣ'],
]);
export const TJ_REGIONS = REGION_LIST.codes;
