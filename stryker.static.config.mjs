// The mutation run of provider/schema.ts, whose mutants are all static: they sit in declarations evaluated when
// a module loads, so each one reruns the whole suite with every module loaded afresh. stryker.config.json leaves
// static mutants out (in the resource files they would take hours); here, for the one file made of them, they
// take five minutes. Results go to the same reports as `npm run test:mutation`.
import { readFileSync } from "node:fs";

const base = JSON.parse(readFileSync(new URL("./stryker.config.json", import.meta.url), "utf8"));

export default { ...base, mutate: ["provider/schema.ts"], ignoreStatic: false };
