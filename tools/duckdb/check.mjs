// check.mjs reads the files of `blocwatch export` with DuckDB, an engine
// independent of the Go Parquet library that wrote them, and prints what it
// finds as one JSON object on stdout. internal/export's TestDuckDB runs it
// and compares the numbers with the store's.
//
//   node tools/duckdb/check.mjs DIR
//
// DIR holds the Parquet files and datapackage.json (and the CSV files, if
// exported too).
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node check.mjs DIR');
  process.exit(2);
}
const pkg = JSON.parse(readFileSync(join(dir, 'datapackage.json'), 'utf8'));
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
const rows = async (sql) => (await con.runAndReadAll(sql)).getRowObjectsJson();
const quote = (s) => "'" + s.replaceAll("'", "''") + "'";

const out = { version: (await rows('SELECT version() AS v'))[0].v, tables: {} };
for (const r of pkg.resources) {
  if (r.format !== 'parquet') continue;
  const table = r.name.replace(/_parquet$/, '');
  let from;
  if (r['blocwatch:partitioned_by']) {
    from = `read_parquet(${quote(join(dir, table, '*', '*.parquet'))}, hive_partitioning = true)`;
  } else {
    from = `read_parquet(${quote(join(dir, table + '.parquet'))})`;
  }
  if (r.path.length === 0) {
    out.tables[table] = { rows: 0, columns: {} };
    continue;
  }
  await con.run(`CREATE VIEW ${table} AS SELECT * FROM ${from}`);
  const t = { rows: Number((await rows(`SELECT count(*) AS n FROM ${table}`))[0].n), columns: {} };
  for (const c of await rows(`DESCRIBE ${table}`)) t.columns[c.column_name] = c.column_type;
  const csv = join(dir, table + '.csv');
  if (existsSync(csv)) {
    t.csv_rows = Number((await rows(`SELECT count(*) AS n FROM read_csv(${quote(csv)}, header = true)`))[0].n);
  }
  out.tables[table] = t;
}

// A join of votes to roll calls: the tally of A/RES/ES-11/1.
out.es_11_1 = {};
for (const r of await rows(`SELECT v.vote, count(*) AS n FROM votes v JOIN roll_calls r USING (rollcall_id)
    WHERE r.symbol = 'A/RES/ES-11/1' GROUP BY v.vote ORDER BY v.vote`)) {
  out.es_11_1[r.vote] = Number(r.n);
}
out.es_11_1_no = (await rows(`SELECT string_agg(v.state, ' ' ORDER BY v.state) AS s FROM votes v
    JOIN roll_calls r USING (rollcall_id) WHERE r.symbol = 'A/RES/ES-11/1' AND v.vote = 'N'`))[0].s;

// A filter on dyad_years, pruned to one partition.
const d = await rows(`SELECT n, agree, year FROM dyad_years WHERE year = 2022 AND state_a = 'PRK' AND state_b = 'RUS'`);
out.prk_rus_2022 = d.length === 1 ? { n: Number(d[0].n), agree: Number(d[0].agree) } : null;

console.log(JSON.stringify(out));
con.closeSync();
