import type { FastifyInstance } from 'fastify';
import { BUILTIN_DETECTORS } from '../../scan/index.js';
import type { DetectorInfo, DetectorList } from '../contract.js';

/** The built-in detectors, from the scanner's own list, so the dashboard's switches never drift from it. */
const LIST: DetectorList = {
  detectors: BUILTIN_DETECTORS.map((d): DetectorInfo => ({
    id: d.id,
    category: d.category === 'pii' || d.category === 'name' ? d.category : 'secret',
    kind: d.kind,
    anchor: d.anchor,
    ...(d.optIn === true ? { optIn: true } : {}),
  })),
};

export async function detectorRoutes(app: FastifyInstance): Promise<void> {
  app.get('/detectors', async (): Promise<DetectorList> => LIST);
}
