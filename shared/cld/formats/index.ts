// The map formats a canvas can be imported from and exported to.
import type { MapFormat } from "./common";
import { cslFormat } from "./csl";
import { kumuFormat } from "./kumu";
import { loopyFormat } from "./loopy";
import { vensimFormat } from "./vensim";
import { xmileFormat } from "./xmile";

export type { ExportDiagram, ImportProblem, ImportResult, MapFormat } from "./common";
export { readMapFile } from "./common";
export const mapFormats: MapFormat[] = [cslFormat, kumuFormat, loopyFormat, vensimFormat, xmileFormat];
export const mapFormat = (key: string) => mapFormats.find((f) => f.key === key);
