/**
 * Forward passes for face-api's two detectors that free memory as they go. face-api runs each net
 * inside one tf.tidy, so every layer's activations live until the whole net ends, and the wasm heap
 * (which never shrinks) grows to their sum: SSD MobileNet v1 at 512×512 alone added ≈ 167 MB. These
 * passes run the same tfjs ops in the same order on the same weights — the boxes and scores are
 * bit-identical (test/integration/face/lean-forward.test.ts compares them with face-api's own) — but
 * dispose each layer's input once its output exists, so only a layer or two is alive at a time.
 * The architecture follows @vladmandic/face-api 1.7 (MIT): src/ssdMobilenetv1 and
 * src/tinyYolov2/TinyYolov2Base.runMobilenet.
 */
import type { Tensor, Tensor4D } from '@tensorflow/tfjs';

import type { Tf } from './runtime';

type Strides = [number, number];

interface PointwiseParams {
  filters: Tensor;
  batch_norm_offset: Tensor;
}
interface DepthwiseParams {
  filters: Tensor;
  batch_norm_scale: Tensor;
  batch_norm_offset: Tensor;
  batch_norm_mean: Tensor;
  batch_norm_variance: Tensor;
}
interface ConvParams {
  filters: Tensor;
  bias: Tensor;
}
interface SeparableParams {
  depthwise_filter: Tensor;
  pointwise_filter: Tensor;
  bias: Tensor;
}
interface BoxPredictorParams {
  box_encoding_predictor: ConvParams;
  class_predictor: ConvParams;
}
type MobileNetParams = Record<
  `conv_${number}`,
  { depthwise_conv: DepthwiseParams; pointwise_conv: PointwiseParams }
> & {
  conv_0: PointwiseParams;
};
type PredictionParams = Record<`conv_${number}`, PointwiseParams> &
  Record<`box_predictor_${number}`, BoxPredictorParams>;
interface SsdParams {
  mobilenetv1: MobileNetParams;
  prediction_layer: PredictionParams;
  output_layer: { extra_dim: Tensor };
}
interface TinyParams {
  conv0: ConvParams;
  conv1: SeparableParams;
  conv2: SeparableParams;
  conv3: SeparableParams;
  conv4: SeparableParams;
  conv5: SeparableParams;
  conv6?: SeparableParams;
  conv7?: SeparableParams;
  conv8: ConvParams;
}
interface NetInput {
  toBatchTensor(inputSize: number, isCenterInputs?: boolean): Tensor;
}
interface SsdNet {
  params: SsdParams | undefined;
  forwardInput(input: NetInput): { boxes: Tensor[]; scores: Tensor[] };
}
interface TinyNet {
  config: { isFirstLayerConv2d?: boolean; withSeparableConvs: boolean };
  runMobilenet(x: Tensor, params: TinyParams): Tensor;
}

/** The faceapi.nets this module replaces methods on. */
export interface LeanNets {
  ssdMobilenetv1: unknown;
  tinyFaceDetector: unknown;
}

/** face-api's batch-norm epsilon for SSD's depthwise layers (float32 of 0.001). */
const SSD_BN_EPSILON = 0.0010000000474974513;
/** SSD's depthwise layers that halve the feature map. */
const SSD_STRIDE_2_LAYERS = new Set([2, 4, 6, 12]);
/** Leaky ReLU slope of the tiny detector (float32 of 0.1). */
const LEAKY_SLOPE = 0.10000000149011612;

/** A weight face-api's loaded params must hold (a missing one is a model the code was not written for). */
function need<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`face-api params: ${name} missing`);
  return value;
}

/** f(t), then t freed: the chain a layer is made of, one intermediate alive at a time. */
function then(t: Tensor, f: (t: Tensor) => Tensor): Tensor {
  const out = f(t);
  t.dispose();
  return out;
}

function ssdForward(tf: Tf) {
  const pointwise = (x: Tensor, p: PointwiseParams, strides: Strides): Tensor =>
    then(
      then(tf.conv2d(x as Tensor4D, p.filters as Tensor4D, strides, 'same'), (c) => tf.add(c, p.batch_norm_offset)),
      (a) => tf.clipByValue(a, 0, 6),
    );
  const depthwise = (x: Tensor, p: DepthwiseParams, strides: Strides): Tensor =>
    then(
      then(tf.depthwiseConv2d(x as Tensor4D, p.filters as Tensor4D, strides, 'same'), (c) =>
        tf.batchNorm(
          c,
          p.batch_norm_mean,
          p.batch_norm_variance,
          p.batch_norm_offset,
          p.batch_norm_scale,
          SSD_BN_EPSILON,
        ),
      ),
      (a) => tf.clipByValue(a, 0, 6),
    );
  const conv = (x: Tensor, p: ConvParams): Tensor =>
    then(tf.conv2d(x as Tensor4D, p.filters as Tensor4D, [1, 1], 'same'), (c) => tf.add(c, p.bias));

  /** MobileNet v1: 14 layers; returns the last (16×16×1024) and layer 11's output (32×32×512). */
  function mobileNet(x: Tensor, params: MobileNetParams): { out: Tensor; conv11: Tensor } {
    let out = pointwise(x, params.conv_0, [2, 2]);
    let conv11: Tensor | null = null;
    for (let layer = 1; layer <= 13; layer++) {
      const p = need(params[`conv_${layer}`], `conv_${layer}`);
      const strides: Strides = SSD_STRIDE_2_LAYERS.has(layer) ? [2, 2] : [1, 1];
      const d = depthwise(out, p.depthwise_conv, strides);
      if (out !== conv11) out.dispose();
      out = then(d, (t) => pointwise(t, p.pointwise_conv, [1, 1]));
      if (layer === 11) conv11 = out;
    }
    if (conv11 === null) throw new Error('SSD: layer 11 missing');
    return { out, conv11 };
  }

  /** The six box predictors on ever smaller maps (all ≤ 16×16: small, so one tidy is fine). */
  function predictions(x: Tensor, conv11: Tensor, p: PredictionParams): { boxes: Tensor; classes: Tensor } {
    return tf.tidy(() => {
      // Eight more pointwise layers; every second one halves the map and feeds a predictor.
      const maps = [conv11, x];
      let m = x;
      for (let i = 0; i < 8; i++) {
        m = pointwise(m, need(p[`conv_${i}`], `conv_${i}`), i % 2 === 1 ? [2, 2] : [1, 1]);
        if (i % 2 === 1) maps.push(m);
      }
      const boxes = maps.map((m, i) =>
        tf.reshape(conv(m, need(p[`box_predictor_${i}`], `box_predictor_${i}`).box_encoding_predictor), [
          m.shape[0] ?? 1,
          -1,
          1,
          4,
        ]),
      );
      const classes = maps.map((m, i) =>
        tf.reshape(conv(m, need(p[`box_predictor_${i}`], `box_predictor_${i}`).class_predictor), [
          m.shape[0] ?? 1,
          -1,
          3,
        ]),
      );
      return { boxes: tf.concat(boxes, 1), classes: tf.concat(classes, 1) };
    });
  }

  /** Anchor-relative encodings → [top, left, bottom, right] boxes, and the face class's score. */
  function output(
    boxPredictions: Tensor,
    classPredictions: Tensor,
    extraDim: Tensor,
  ): { boxes: Tensor[]; scores: Tensor[] } {
    return tf.tidy(() => {
      const batch = boxPredictions.shape[0] ?? 1;
      const anchors = tf.unstack(tf.transpose(tf.reshape(tf.tile(extraDim, [batch, 1, 1]), [-1, 4]), [1, 0]));
      const enc = tf.unstack(tf.transpose(tf.reshape(boxPredictions, [-1, 4]), [1, 0]));
      const [a0, a1, a2, a3] = anchors as [Tensor, Tensor, Tensor, Tensor];
      const [e0, e1, e2, e3] = enc as [Tensor, Tensor, Tensor, Tensor];
      const sizes = [tf.sub(a2, a0), tf.sub(a3, a1)] as const;
      const centers = [tf.add(a0, tf.div(sizes[0], 2)), tf.add(a1, tf.div(sizes[1], 2))] as const;
      const half0 = tf.div(tf.mul(tf.exp(tf.div(e2, 5)), sizes[0]), 2);
      const mid0 = tf.add(tf.mul(tf.div(e0, 10), sizes[0]), centers[0]);
      const half1 = tf.div(tf.mul(tf.exp(tf.div(e3, 5)), sizes[1]), 2);
      const mid1 = tf.add(tf.mul(tf.div(e1, 10), sizes[1]), centers[1]);
      const decoded = tf.transpose(
        tf.stack([tf.sub(mid0, half0), tf.sub(mid1, half1), tf.add(mid0, half0), tf.add(mid1, half1)]),
        [1, 0],
      );
      const boxes = tf.reshape(decoded, [batch, (decoded.shape[0] ?? 0) / batch, 4]);
      const faceClass = tf.slice(
        tf.sigmoid(tf.slice(classPredictions, [0, 0, 1], [-1, -1, -1])),
        [0, 0, 0],
        [-1, -1, 1],
      );
      const scores = tf.reshape(faceClass, [batch, faceClass.shape[1] ?? 0]);
      return { boxes: tf.unstack(boxes), scores: tf.unstack(scores) };
    });
  }

  return function forwardInput(this: SsdNet, input: NetInput): { boxes: Tensor[]; scores: Tensor[] } {
    const params = this.params;
    if (params === undefined) throw new Error('SsdMobilenetv1 - load model before inference');
    const x = tf.tidy(() => tf.sub(tf.div(tf.cast(input.toBatchTensor(512, false), 'float32'), 127.5), 1));
    const { out, conv11 } = mobileNet(x, params.mobilenetv1);
    x.dispose();
    const { boxes, classes } = predictions(out, conv11, params.prediction_layer);
    out.dispose();
    conv11.dispose();
    const result = output(boxes, classes, params.output_layer.extra_dim);
    boxes.dispose();
    classes.dispose();
    return result;
  };
}

function tinyMobilenet(tf: Tf) {
  /** face-api's leaky ReLU, relu(x − 0.1x) + 0.1x, consuming x: at most three maps alive. */
  const leaky = (x: Tensor): Tensor => {
    const slope = tf.scalar(LEAKY_SLOPE);
    const min = tf.mul(x, slope);
    slope.dispose();
    const out = then(
      then(
        then(x, (t) => tf.sub(t, min)),
        (d) => tf.relu(d),
      ),
      (r) => tf.add(r, min),
    );
    min.dispose();
    return out;
  };
  const conv = (x: Tensor, p: ConvParams): Tensor =>
    then(tf.conv2d(x as Tensor4D, p.filters as Tensor4D, [1, 1], 'valid'), (c) => tf.add(c, p.bias));
  const separable = (x: Tensor, p: SeparableParams): Tensor => {
    const padded = tf.pad(x, [
      [0, 0],
      [1, 1],
      [1, 1],
      [0, 0],
    ]);
    const s = then(padded, (t) =>
      tf.separableConv2d(
        t as Tensor4D,
        p.depthwise_filter as Tensor4D,
        p.pointwise_filter as Tensor4D,
        [1, 1],
        'valid',
      ),
    );
    return leaky(then(s, (t) => tf.add(t, p.bias)));
  };
  const pool = (x: Tensor, stride: number): Tensor =>
    then(x, (t) => tf.maxPool(t as Tensor4D, [2, 2], [stride, stride], 'same'));

  return function runMobilenet(this: TinyNet, x: Tensor, params: TinyParams): Tensor {
    if (this.config.isFirstLayerConv2d !== true) throw new Error('TinyFaceDetector: unexpected first layer');
    let out = pool(leaky(conv(x, params.conv0)), 2);
    out = pool(
      then(out, (t) => separable(t, params.conv1)),
      2,
    );
    out = pool(
      then(out, (t) => separable(t, params.conv2)),
      2,
    );
    out = pool(
      then(out, (t) => separable(t, params.conv3)),
      2,
    );
    out = pool(
      then(out, (t) => separable(t, params.conv4)),
      2,
    );
    out = pool(
      then(out, (t) => separable(t, params.conv5)),
      1,
    );
    const conv6 = params.conv6;
    const conv7 = params.conv7;
    if (conv6 !== undefined) out = then(out, (t) => separable(t, conv6));
    if (conv7 !== undefined) out = then(out, (t) => separable(t, conv7));
    return then(out, (t) => conv(t, params.conv8));
  };
}

/** Replaces the detectors' forward passes on these (loaded) nets with the memory-lean ones. */
export function installLeanForwards(nets: LeanNets, tf: Tf): void {
  (nets.ssdMobilenetv1 as SsdNet).forwardInput = ssdForward(tf);
  const tiny = nets.tinyFaceDetector as TinyNet;
  if (tiny.config.withSeparableConvs && tiny.config.isFirstLayerConv2d === true) tiny.runMobilenet = tinyMobilenet(tf);
}
