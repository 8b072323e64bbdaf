/** The first bytes of a Windows DLL: « MZ », the offset of the PE header at 0x3C, then « PE\0\0 » and the machine (x64 by default). */
export function peHeader(machine = 0x8664): Buffer {
  const header = Buffer.alloc(0x100);
  header.write('MZ', 0, 'latin1');
  header.writeUInt32LE(0x80, 0x3c);
  header.write('PE\0\0', 0x80, 'latin1');
  header.writeUInt16LE(machine, 0x84);
  return header;
}
