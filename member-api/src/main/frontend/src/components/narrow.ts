import { onBeforeUnmount, ref } from 'vue'

/** Whether the window is phone-width (the console's one breakpoint, 640 px, as in style.css), following resizes. */
export function useNarrow(query = '(max-width: 640px)') {
  const media = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(query) : null
  const narrow = ref(media?.matches ?? false)
  const update = (event: MediaQueryListEvent) => (narrow.value = event.matches)
  media?.addEventListener('change', update)
  onBeforeUnmount(() => media?.removeEventListener('change', update))
  return narrow
}
