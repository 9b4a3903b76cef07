// The parts of jstat (https://github.com/jstat/jstat) the evaluation reports use; it ships no types.
// It is a CommonJS module: its default export is the jStat object (which also names itself `jStat`).
declare module "jstat" {
  interface Distribution {
    cdf(x: number, ...parameters: number[]): number;
    inv(p: number, ...parameters: number[]): number;
  }
  const jStat: {
    studentt: Distribution;
    normal: Distribution;
  };
  export default jStat;
}
