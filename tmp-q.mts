import { DuckDBInstance } from '@duckdb/node-api';
const c = await (await DuckDBInstance.create()).connect();
const q = async (s: string) => { try { const r = await c.runAndReadAll(s); console.log(JSON.stringify(r.getRowObjectsJson()).slice(0,400)); } catch (e) { console.log('ERR', (e as Error).message.slice(0,300)); } };
const f = '/work/shared/data/nih-chestxray14/Data_Entry_2017_v2020.csv';
await q(`select * from read_csv('${f}', auto_type_candidates=['VARCHAR'], header=true) limit 1`);
await q(`select * from read_csv('${f}', all_varchar=true, sample_size=-1) limit 1`);
await q(`select length(content) from read_text('/work/shared/data/nih-chestxray14/test_list.txt')`);
await q(`select trim(' \t a ', chr(9) || chr(32)) as t`);
