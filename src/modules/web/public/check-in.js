// The reception's camera reader (issue 10): shown only when the browser can give the camera
// (getUserMedia). It draws the camera's frames into a canvas, decodes them with jsQR (js/jsqr.js, loaded
// before this script) and, on the first code read, fills the code's field and submits the form — the
// same POST a USB scanner makes. Without JavaScript or a camera the page is the scanner's and the
// typed reference's form.
const form = document.querySelector('[data-check-in-form]');
const start = form?.querySelector('[data-camera-start]');
const stop = form?.querySelector('[data-camera-stop]');
const video = form?.querySelector('[data-camera-video]');
const status = form?.querySelector('[data-camera-status]');
const field = form?.querySelector('#qr');
const canvas = document.createElement('canvas');
const context = canvas.getContext('2d', { willReadFrequently: true });
let stream = null;

function say(key) {
  if (status) status.textContent = status.dataset[key] ?? '';
}

function halt() {
  for (const track of stream?.getTracks() ?? []) track.stop();
  stream = null;
  video.hidden = true;
  stop.hidden = true;
  start.hidden = false;
}

function scan() {
  if (!stream) return;
  if (video.readyState >= video.HAVE_CURRENT_DATA && video.videoWidth > 0) {
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const frame = context.getImageData(0, 0, canvas.width, canvas.height);
    const code = self.jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' });
    if (code?.data) {
      field.value = code.data;
      say('read');
      halt();
      form.requestSubmit();
      return;
    }
  }
  requestAnimationFrame(scan);
}

async function begin() {
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: 'environment' },
      audio: false,
    });
  } catch {
    say('denied');
    return;
  }
  video.srcObject = stream;
  video.hidden = false;
  start.hidden = true;
  stop.hidden = false;
  say('on');
  await video.play().catch(() => {});
  requestAnimationFrame(scan);
}

if (
  form &&
  start &&
  video &&
  field &&
  context &&
  typeof self.jsQR === 'function' &&
  navigator.mediaDevices?.getUserMedia
) {
  start.hidden = false;
  start.addEventListener('click', begin);
  stop.addEventListener('click', () => {
    halt();
    field.focus();
  });
}
