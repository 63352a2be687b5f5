import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import { i18n, currentLocale } from './i18n'
import { router } from './router'
import { useAuthStore, wireClient } from './stores/auth'
import './style.css'

const app = createApp(App)
app.use(createPinia())
app.use(i18n)
app.use(router)
app.use(ElementPlus)
document.documentElement.lang = currentLocale()
wireClient(useAuthStore(), () => router.push({ name: 'login', query: { expired: '1' } }))
app.mount('#app')
