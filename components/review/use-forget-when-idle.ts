'use client';

import { useEffect, useState } from 'react';

/**
 * A review screen left open forgets (SPEC §13): once `idleMs` pass without the page reaching the
 * server (it loaded, or a form was sent), it drops its images and goes to the sign-in page. The
 * server refuses the session by then anyway; the faces should not stay on an unattended screen.
 */
export function useForgetWhenIdle(idleMs: number): boolean {
  const [forgotten, setForgotten] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const forget = () => {
      setForgotten(true);
      const back = window.location.pathname + window.location.search;
      // A full page load, not the client router: its cache holds the pages' payloads, faces included.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign(`/sign-in?callbackUrl=${encodeURIComponent(back)}`);
    };
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(forget, idleMs);
    };
    restart();
    document.addEventListener('submit', restart, true);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('submit', restart, true);
    };
  }, [idleMs]);
  return forgotten;
}
