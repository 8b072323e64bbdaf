#!/usr/bin/env node
/**
 * Draws the app's icons from resources/icons/maillage.svg: PNGs of every size the Linux desktop
 * and electron-builder look for (resources/icons/png/<n>x<n>.png) and the Windows icon
 * (resources/icons/maillage.ico). Run by hand after changing the SVG; the results are committed so
 * that packaging needs nothing but the files.
 *
 * The .ico holds its sizes as PNG images, which Windows reads since Vista: its format is a 6-byte
 * header and a 16-byte entry per image, not worth a dependency.
 */
import { Buffer } from 'node:buffer';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const ICONS = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'icons');
const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

export function renderPng(svg, size) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
}

/** An ICO file of PNG images: `images` as { size, png }, size ≤ 256 (256 is written as 0, as the format says). */
export function icoFile(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size % 256, 0); // width
    entry.writeUInt8(size % 256, 1); // height
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map(({ png }) => png)]);
}

function main() {
  const svg = readFileSync(join(ICONS, 'maillage.svg'));
  mkdirSync(join(ICONS, 'png'), { recursive: true });
  const pngs = new Map(PNG_SIZES.map((size) => [size, renderPng(svg, size)]));
  for (const [size, png] of pngs) writeFileSync(join(ICONS, 'png', `${size}x${size}.png`), png);
  writeFileSync(join(ICONS, 'maillage.ico'), icoFile(ICO_SIZES.map((size) => ({ size, png: pngs.get(size) }))));
  console.log(`Icônes écrites dans ${ICONS}`);
}

main();
