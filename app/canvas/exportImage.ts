// Saves the whole map (not only what is on screen, and without anyone's selection) as SVG made of
// real shapes and text, drawn by the same StaticMap that shows saved versions, or as a PNG drawn
// from that SVG at twice its size.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { Link, Variable } from "../../shared/cld/model";
import { StaticMap, type MapLoopMark } from "./StaticMap";

export function mapSvg(map: { title: string; variables: Variable[]; links: Link[]; loops: MapLoopMark[] }): { svg: string; width: number; height: number } {
  const svg = renderToStaticMarkup(createElement(StaticMap, map)).replace(/ class="[^"]*"/, "");
  const width = Number(/ width="([\d.]+)"/.exec(svg)?.[1] ?? 800);
  const height = Number(/ height="([\d.]+)"/.exec(svg)?.[1] ?? 600);
  return { svg: `<?xml version="1.0" encoding="UTF-8"?>\n${svg}`, width, height };
}

export async function saveMapImage(map: Parameters<typeof mapSvg>[0], kind: "png" | "svg", fileName: string): Promise<void> {
  const { svg, width, height } = mapSvg(map);
  const svgBlob = new Blob([svg], { type: "image/svg+xml" });
  const blob = kind === "svg" ? svgBlob : await toPng(svgBlob, width, height);
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = `${fileName}.${kind}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function toPng(svg: Blob, width: number, height: number): Promise<Blob> {
  const url = URL.createObjectURL(svg);
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = Math.ceil(width * 2);
    canvas.height = Math.ceil(height * 2);
    const context = canvas.getContext("2d")!;
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("The image could not be made."))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}
