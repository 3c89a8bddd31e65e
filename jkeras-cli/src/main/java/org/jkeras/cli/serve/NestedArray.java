package org.jkeras.cli.serve;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;

/**
 * One input's values read from JSON nested lists into a growing float buffer, with the shape found on the way:
 * every list at the same depth must have the same length (a rectangular array), numbers and booleans are the
 * leaves. Rows ({@code instances}) append one instance at a time; the leading count is bounded while reading, so
 * a request with too many instances is refused before it is held in memory.
 *
 * <pre>{@code
 * NestedArray a = new NestedArray("x", 1000);
 * a.readInstance(parser);          // [[1, 2], [3, 4]] -> instance shape (2, 2)
 * Tensor t = a.toTensor(true);     // shape (instances, 2, 2)
 * }</pre>
 */
final class NestedArray {
    private final String name;
    private final int maxInstances;
    private float[] data = new float[256];
    private int size;
    private int[] dims = new int[0];
    private int depthSeen = -1;
    private int instances;

    NestedArray(String name, int maxInstances) {
        this.name = name;
        this.maxInstances = maxInstances;
    }

    int instances() {
        return instances;
    }

    /** Appends one instance (a number or nested lists) starting at the parser's current token. */
    void readInstance(JsonParser p) throws IOException {
        if (++instances > maxInstances) {
            throw tooMany();
        }
        read(p, 0);
    }

    /** Reads a whole columnar batch (the first axis is the instances) starting at the current token. */
    void readBatch(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new HttpError(400, "input '" + name + "': a columnar value must be a list with one entry per instance");
        }
        int count = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (++count > maxInstances) {
                throw tooMany();
            }
            read(p, 0);
        }
        instances = count;
    }

    private HttpError tooMany() {
        return new HttpError(400, "input '" + name + "': more than " + maxInstances
                + " instances in one request (the server's --max-instances); split the request");
    }

    private void read(JsonParser p, int depth) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_ARRAY) {
            int count = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() == null) {
                    throw new HttpError(400, "the JSON body ends inside a list");
                }
                read(p, depth + 1);
                count++;
            }
            dim(depth, count);
        } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            leaf(depth, p.getFloatValue());
        } else if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            leaf(depth, t == JsonToken.VALUE_TRUE ? 1f : 0f);
        } else {
            throw new HttpError(400, "input '" + name + "': expected numbers or lists of numbers; found " + t
                    + " ('" + p.getText() + "')");
        }
    }

    private void leaf(int depth, float v) {
        if (depthSeen < 0) {
            depthSeen = depth;
        } else if (depthSeen != depth) {
            throw ragged();
        }
        if (size == data.length) {
            data = Arrays.copyOf(data, data.length * 2);
        }
        data[size++] = v;
    }

    private void dim(int depth, int count) {
        if (depth >= dims.length) {
            dims = Arrays.copyOf(dims, depth + 1);
            dims[depth] = count;
        } else if (dims[depth] != count) {
            throw ragged();
        }
    }

    private HttpError ragged() {
        return new HttpError(400, "input '" + name + "': the lists are ragged (every list at the same depth must have "
                + "the same length)");
    }

    /** The shape of all instances: {@code [instances] + instance shape}. */
    int[] shape() {
        int[] s = new int[dims.length + 1];
        s[0] = instances;
        System.arraycopy(dims, 0, s, 1, dims.length);
        return s;
    }

    float[] data() {
        return data;
    }

    int size() {
        return size;
    }

    String name() {
        return name;
    }
}
