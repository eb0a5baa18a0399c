import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@utrecht/component-library-css/dist/index.css';
import './styles/koers-theme.css';
import './styles/app.css';
import { App } from './app';

document.body.classList.add('koers-theme', 'utrecht-document', 'utrecht-root');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
