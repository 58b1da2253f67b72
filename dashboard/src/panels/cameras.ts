// Panel 6: registered cameras and each one's latest detections, with the analysed frame as a thumbnail.
import type { Camera, CamerasResponse, Detection, DetectionsResponse } from '../api-types';
import { formatAge } from '../model/format';
import { failureOutcome, describeFailure } from '../model/panel-state';
import { element, note, replaceChildren } from '../view/dom';
import { chip } from '../view/table';
import type { PanelDefinition, RefreshContext } from './panel';

const CAMERAS_SHOWN = 4;
const DETECTIONS_PER_CAMERA = 6;

/** Images of the previous refresh, and those of this one (which become the next refresh's previous). */
interface ImageCache {
  previous: ReadonlyMap<string, HTMLElement>;
  next: Map<string, HTMLElement>;
}

const detectionsOf = (answer: DetectionsResponse): Detection[] => answer.detections ?? answer.items ?? [];

/** Presigned URLs change on every read; keeping the <img> of an already shown detection avoids reloading it. */
function thumbnail(detection: Detection, images: ImageCache, nowMs: number): HTMLElement {
  const labels = detection.labels.map((label) => chip(`${label.name} ${Math.round(label.confidence)}%`, 'label'));
  const known = detection.people?.known.map((face) => chip(face.externalImageId ?? 'known face', 'ok')) ?? [];
  const kept = images.previous.get(detection.detectionId);
  const image =
    kept ??
    (detection.frameUrl
      ? element('img', { attributes: { src: detection.frameUrl, alt: `Frame at ${detection.frameAt}`, loading: 'lazy', width: '160', height: '90' } })
      : element('div', { className: 'no-frame', text: 'no frame' }));
  images.next.set(detection.detectionId, image);
  return element('figure', { className: 'detection' }, [
    image,
    element('figcaption', {}, [element('span', { className: 'when', text: formatAge(detection.frameAt, nowMs), title: detection.frameAt }), ...labels, ...known]),
  ]);
}

async function cameraCard(camera: Camera, context: RefreshContext, images: ImageCache): Promise<HTMLElement> {
  const header = element('div', { className: 'camera-heading' }, [
    element('h3', { text: camera.name ?? camera.cameraId }),
    element('code', { text: camera.cameraId }),
    element('span', { className: 'stat', text: `watching: ${camera.labelsOfInterest.join(', ')} ≥ ${camera.minConfidence}%` }),
  ]);
  let content: HTMLElement;
  try {
    const answer = await context.api.get<DetectionsResponse>(`/cameras/${encodeURIComponent(camera.cameraId)}/detections?limit=${DETECTIONS_PER_CAMERA}`);
    const detections = detectionsOf(answer);
    content =
      detections.length === 0
        ? note('No detections yet: motion events are analysed as they arrive.')
        : element('div', { className: 'detections' }, detections.map((detection) => thumbnail(detection, images, context.nowMs)));
  } catch (error) {
    content = note(describeFailure(error));
  }
  return element('article', { className: 'camera' }, [header, content]);
}

export const camerasPanel: PanelDefinition = {
  name: 'cameras',
  title: 'Cameras',
  explanation: 'Each registered camera and the newest frames Rekognition found a label of interest in (sampled on motion from Kinesis Video Streams).',
  wide: true,
  mount(body) {
    const list = element('div', { className: 'cameras' });
    body.append(list);
    let shownImages = new Map<string, HTMLElement>();
    return async (context) => {
      let cameras: CamerasResponse;
      try {
        cameras = await context.api.get<CamerasResponse>('/cameras');
      } catch (error) {
        return failureOutcome(error);
      }
      const shown = cameras.cameras.slice(0, CAMERAS_SHOWN);
      const images: ImageCache = { previous: shownImages, next: new Map() };
      replaceChildren(list, await Promise.all(shown.map((camera) => cameraCard(camera, context, images))));
      shownImages = images.next;
      if (shown.length === 0) return { state: 'empty', message: 'No camera registered: run npm run camera -- --camera <id>.' };
      const more = cameras.cameras.length - shown.length;
      return { state: 'live', ...(more > 0 ? { note: `${more} more camera${more === 1 ? '' : 's'} not shown.` } : {}) };
    };
  },
};
