package dev.spool.internal;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a class file (JVMS chapter 4) just far enough to list the method calls made while a monitor
 * is held: every call in a {@code synchronized} method, and every call inside a {@code synchronized}
 * block. A block is the range of its catch-any exception handler that starts right after its
 * {@code monitorenter}, which is how javac compiles one (JLS 14.19, JVMS 3.14); a
 * {@code monitorenter} without such a range is reported as unanalysable rather than passed.
 */
final class MonitorRegions {
    /** One call made under a monitor: {@code Owner.method(descriptor)} and where. */
    record Call(String inMethod, String owner, String name, String descriptor) {
        @Override
        public String toString() {
            return inMethod + " calls " + owner.replace('/', '.') + "." + name + descriptor;
        }
    }

    private static final int ACC_SYNCHRONIZED = 0x0020;

    private final String className;
    private final Object[] pool;
    private final List<Call> calls = new ArrayList<>();
    private final List<String> unanalysable = new ArrayList<>();

    private MonitorRegions(String className, Object[] pool) {
        this.className = className;
        this.pool = pool;
    }

    /** Calls made under a monitor in this class file. */
    List<Call> calls() {
        return calls;
    }

    /** Methods with a monitorenter whose region could not be found. */
    List<String> unanalysable() {
        return unanalysable;
    }

    /** Parses a class file. */
    static MonitorRegions of(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        Object[] pool = new Object[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1: // Utf8
                    pool[i] = in.readUTF();
                    break;
                case 3: // Integer
                case 4: // Float
                    in.readInt();
                    break;
                case 5: // Long
                case 6: // Double
                    in.readLong();
                    i++; // takes two slots (JVMS 4.4.5)
                    break;
                case 7: // Class
                    pool[i] = new int[] {tag, in.readUnsignedShort()};
                    break;
                case 8: // String
                case 16: // MethodType
                case 19: // Module
                case 20: // Package
                    in.readUnsignedShort();
                    break;
                case 9: // Fieldref
                case 10: // Methodref
                case 11: // InterfaceMethodref
                case 12: // NameAndType
                case 17: // Dynamic
                case 18: // InvokeDynamic
                    pool[i] = new int[] {tag, in.readUnsignedShort(), in.readUnsignedShort()};
                    break;
                case 15: // MethodHandle
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                    break;
                default:
                    throw new IOException("unknown constant pool tag " + tag + " at " + i);
            }
        }
        in.readUnsignedShort(); // access
        int thisClass = in.readUnsignedShort();
        MonitorRegions r = new MonitorRegions((String) pool[((int[]) pool[thisClass])[1]], pool);
        in.readUnsignedShort(); // super
        int interfaces = in.readUnsignedShort();
        in.skipBytes(2 * interfaces);
        int fields = in.readUnsignedShort();
        for (int f = 0; f < fields; f++) {
            in.skipBytes(6);
            skipAttributes(in);
        }
        int methods = in.readUnsignedShort();
        for (int m = 0; m < methods; m++) {
            int access = in.readUnsignedShort();
            String name = (String) pool[in.readUnsignedShort()];
            String descriptor = (String) pool[in.readUnsignedShort()];
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                String attr = (String) pool[in.readUnsignedShort()];
                int length = in.readInt();
                if (!attr.equals("Code")) {
                    in.skipBytes(length);
                    continue;
                }
                in.readUnsignedShort(); // max_stack
                in.readUnsignedShort(); // max_locals
                byte[] code = new byte[in.readInt()];
                in.readFully(code);
                int handlers = in.readUnsignedShort();
                int[][] table = new int[handlers][];
                for (int h = 0; h < handlers; h++) {
                    table[h] = new int[] {in.readUnsignedShort(), in.readUnsignedShort(), in.readUnsignedShort(),
                        in.readUnsignedShort()};
                }
                skipAttributes(in);
                r.method(r.className.replace('/', '.') + "." + name + descriptor,
                        (access & ACC_SYNCHRONIZED) != 0, code, table);
            }
        }
        return r;
    }

    private void method(String where, boolean synchronizedMethod, byte[] code, int[][] table) {
        List<Integer> enters = new ArrayList<>();
        List<int[]> invokes = new ArrayList<>(); // pc, pool index
        int pc = 0;
        while (pc < code.length) {
            int op = code[pc] & 0xff;
            if (op == 0xc2) {
                enters.add(pc);
            } else if (op >= 0xb6 && op <= 0xb9) { // invokevirtual, invokespecial, invokestatic, invokeinterface
                invokes.add(new int[] {pc, u2(code, pc + 1)});
            }
            pc += length(code, pc);
        }
        boolean[] held = new boolean[code.length];
        if (synchronizedMethod) {
            java.util.Arrays.fill(held, true);
        }
        for (int enter : enters) {
            boolean found = false;
            for (int[] h : table) {
                if (h[3] == 0 && h[0] == enter + 1) { // catch-any starting right after monitorenter
                    for (int i = h[0]; i < h[1]; i++) {
                        held[i] = true;
                    }
                    found = true;
                }
            }
            if (!found) {
                unanalysable.add(where + " at pc " + enter);
            }
        }
        for (int[] call : invokes) {
            if (held[call[0]]) {
                int[] ref = (int[]) pool[call[1]];
                int[] owner = (int[]) pool[ref[1]];
                int[] nat = (int[]) pool[ref[2]];
                calls.add(new Call(where, (String) pool[owner[1]], (String) pool[nat[1]], (String) pool[nat[2]]));
            }
        }
    }

    /** The length of the instruction at pc (JVMS chapter 6). */
    private static int length(byte[] code, int pc) {
        int op = code[pc] & 0xff;
        switch (op) {
            case 0x10: case 0x12: case 0x15: case 0x16: case 0x17: case 0x18: case 0x19:
            case 0x36: case 0x37: case 0x38: case 0x39: case 0x3a: case 0xa9: case 0xbc:
                return 2;
            case 0x11: case 0x13: case 0x14: case 0x84: case 0xa7: case 0xa8:
            case 0xb2: case 0xb3: case 0xb4: case 0xb5: case 0xb6: case 0xb7: case 0xb8:
            case 0xbb: case 0xbd: case 0xc0: case 0xc1: case 0xc6: case 0xc7:
                return 3;
            case 0xc5:
                return 4;
            case 0xb9: case 0xba: case 0xc8: case 0xc9:
                return 5;
            case 0xc4: // wide
                return (code[pc + 1] & 0xff) == 0x84 ? 6 : 4;
            case 0xaa: { // tableswitch
                int p = pc + 4 - (pc & 3);
                int low = s4(code, p + 4);
                int high = s4(code, p + 8);
                return p + 12 + 4 * (high - low + 1) - pc;
            }
            case 0xab: { // lookupswitch
                int p = pc + 4 - (pc & 3);
                int pairs = s4(code, p + 4);
                return p + 8 + 8 * pairs - pc;
            }
            default:
                if (op >= 0x99 && op <= 0xa6) { // if<cond>, if_icmp<cond>, if_acmp<cond>
                    return 3;
                }
                return 1;
        }
    }

    private static int u2(byte[] b, int i) {
        return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    private static int s4(byte[] b, int i) {
        return (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int n = in.readUnsignedShort();
        for (int i = 0; i < n; i++) {
            in.readUnsignedShort();
            in.skipBytes(in.readInt());
        }
    }
}
