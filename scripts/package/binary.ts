/**
 * What platform and processor a native file is built for, read from its header: ELF (Linux),
 * PE (Windows) or Mach-O (macOS). A file's name says nothing reliable: an ELF module once went
 * into a Windows build under the same name as the DLL Windows needed.
 */
import { closeSync, openSync, readSync } from 'node:fs';

export interface BinaryTarget {
  format: 'elf' | 'pe' | 'mach-o';
  /** As Node names them: `process.platform` and `process.arch`. */
  platform: 'linux' | 'win32' | 'darwin';
  arch: string;
}

const ELF_MACHINES: Record<number, string> = { 0x03: 'ia32', 0x28: 'arm', 0x3e: 'x64', 0xb7: 'arm64' };
const PE_MACHINES: Record<number, string> = { 0x014c: 'ia32', 0x01c4: 'arm', 0x8664: 'x64', 0xaa64: 'arm64' };
const MACH_O_CPUS: Record<number, string> = { 0x01000007: 'x64', 0x0100000c: 'arm64' };

/** The target of a binary from its first bytes (a few hundred are enough for a PE), or null when it is none of these. */
export function binaryTarget(header: Buffer): BinaryTarget | null {
  if (header.length >= 20 && header.readUInt32BE(0) === 0x7f454c46) {
    // e_machine, in the byte order e_ident[EI_DATA] gives (1: little-endian).
    const machine = header[5] === 1 ? header.readUInt16LE(18) : header.readUInt16BE(18);
    return { format: 'elf', platform: 'linux', arch: ELF_MACHINES[machine] ?? `machine 0x${machine.toString(16)}` };
  }
  if (header.length >= 0x40 && header.toString('latin1', 0, 2) === 'MZ') {
    const pe = header.readUInt32LE(0x3c);
    if (pe + 6 <= header.length && header.toString('latin1', pe, pe + 4) === 'PE\0\0') {
      const machine = header.readUInt16LE(pe + 4);
      return { format: 'pe', platform: 'win32', arch: PE_MACHINES[machine] ?? `machine 0x${machine.toString(16)}` };
    }
  }
  if (header.length >= 8 && header.readUInt32LE(0) === 0xfeedfacf) {
    const cpu = header.readUInt32LE(4);
    return { format: 'mach-o', platform: 'darwin', arch: MACH_O_CPUS[cpu] ?? `cpu 0x${cpu.toString(16)}` };
  }
  return null;
}

export const HEADER_BYTES = 4096;

export function readHeader(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(HEADER_BYTES);
    return buffer.subarray(0, readSync(fd, buffer, 0, HEADER_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}

export function describeTarget(target: BinaryTarget | null): string {
  return target ? `${target.format.toUpperCase()} ${target.platform}-${target.arch}` : 'pas un binaire ELF, PE ni Mach-O';
}
