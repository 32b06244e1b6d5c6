// Short capability probe for the TF.js backend: webgpu → webgl (hardware only) → wasm (SIMD) → cpu.
import type { BackendId } from '../src/shared/models';

export interface BackendProbe {
  webgpu: boolean;
  /** WebGL2 with a hardware renderer; SwiftShader (software) counts as false: it is ~10× slower than wasm. */
  webgl: boolean;
  webglRenderer: string;
  wasmSimd: boolean;
}

// Smallest module using a v128 instruction; validates only where wasm SIMD is supported.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98,
  11,
]);

export async function probeBackends(): Promise<BackendProbe> {
  let webgpu: boolean;
  try {
    const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    webgpu = !!gpu && !!(await gpu.requestAdapter());
  } catch {
    webgpu = false;
  }
  let webglRenderer = '';
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (gl) {
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      webglRenderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
  } catch {
    webglRenderer = '';
  }
  const webgl = webglRenderer !== '' && !/swiftshader|llvmpipe|software/i.test(webglRenderer);
  const wasmSimd = typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  return { webgpu, webgl, webglRenderer, wasmSimd };
}

/** Backends to try in order for 'auto'. */
export function backendOrder(p: BackendProbe): BackendId[] {
  const order: BackendId[] = [];
  if (p.webgpu) order.push('webgpu');
  if (p.webgl) order.push('webgl');
  order.push('wasm', 'cpu');
  return order;
}
