import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { startEngine } from './engine/runtime.ts';
import { bootSource } from './share/boot.ts';
import { installLessons, openLessonFromAddress } from './lessons/live.ts';
import './theme.css';

bootSource();
installLessons();
openLessonFromAddress();
startEngine();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
