// Saves what is on screen of the map as a PNG or SVG file, drawn by html-to-image (as React Flow's
// own export example does), without the zoom controls.
import { toPng, toSvg } from "html-to-image";

export async function saveMapImage(element: HTMLElement, kind: "png" | "svg", fileName: string): Promise<void> {
  const options = {
    backgroundColor: "#ffffff",
    filter: (node: HTMLElement) => !node.classList?.contains("react-flow__controls"),
  };
  const url = kind === "png" ? await toPng(element, { ...options, pixelRatio: 2 }) : await toSvg(element, options);
  const a = document.createElement("a");
  a.href = url;
  a.download = `${fileName}.${kind}`;
  document.body.append(a);
  a.click();
  a.remove();
}
