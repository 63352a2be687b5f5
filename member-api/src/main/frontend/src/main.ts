import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import { loadSettings } from './auth/oidc'
import { useBusinessZone } from './days'
import { i18n, currentLocale } from './i18n'
import { router } from './router'
import { useAuthStore, wireClient } from './stores/auth'
import './style.css'

const app = createApp(App)
app.use(createPinia())
app.use(i18n)
document.documentElement.lang = currentLocale()
const auth = useAuthStore()
wireClient(auth, () => router.push({ name: 'login', query: { expired: '1' } }))
app.use(ElementPlus)

// the application says how to sign in (development issuer or OpenID Connect) before the first route is decided
async function start() {
  const settings = await loadSettings()
  useBusinessZone(settings.timeZone)
  auth.configure(settings)
  if (auth.oidc && !auth.signedIn) await auth.refresh().catch(() => auth.logout())
  app.use(router)
  app.mount('#app')
}
start()
