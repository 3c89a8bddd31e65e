package org.jkeras.cli;

import java.nio.file.Path;
import org.jkeras.data.ImageFolderSequence;

/**
 * An image folder (one sub-folder per class) as an {@link ImageFolderSequence} sized for the model's input: a
 * {@code (None, H, W, C)} input reads H x W images with C = 1 (grayscale) or 3 (RGB); a {@code (None, N)} input reads
 * flattened grayscale images of side {@code sqrt(N)} (or RGB when N / 3 is a square and N is not).
 *
 * <pre>{@code
 * ImageFolderSequence seq = ImageData.sequence(Path.of("images/train"), new int[] {-1, 28, 28, 1}, 32, false, 0);
 * }</pre>
 */
final class ImageData {
    private ImageData() {}

    static ImageFolderSequence sequence(Path folder, int[] inputShape, int batchSize, boolean shuffle, long seed) {
        ImageFolderSequence.Builder b = ImageFolderSequence.builder(folder).batchSize(batchSize).shuffle(shuffle).seed(seed);
        if (inputShape.length == 4 && inputShape[1] > 0 && inputShape[2] > 0
                && (inputShape[3] == 1 || inputShape[3] == 3)) {
            b.targetSize(inputShape[1], inputShape[2]).grayscale(inputShape[3] == 1);
        } else if (inputShape.length == 2 && inputShape[1] > 0) {
            int n = inputShape[1];
            int gray = (int) Math.round(Math.sqrt(n));
            int rgb = (int) Math.round(Math.sqrt(n / 3.0));
            if (gray * gray == n) {
                b.targetSize(gray, gray).grayscale(true).flatten(true);
            } else if (n % 3 == 0 && rgb * rgb * 3 == n) {
                b.targetSize(rgb, rgb).grayscale(false).flatten(true);
            } else {
                throw new CliException("an image folder needs a square input; the model's input has " + n + " features");
            }
        } else {
            throw new CliException("an image folder needs a model input of shape (None, H, W, 1 or 3) or (None, H*W); "
                    + "the model's input is " + Signature.python(inputShape));
        }
        return b.build();
    }
}
