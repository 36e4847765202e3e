'use client';

import { useEffect, useState } from 'react';

/** When this page last reached the server: a navigation to it, or a form sent. A remount of the same page keeps it. */
const contact = { at: 0, page: '' };

/**
 * A review screen left open forgets (SPEC §13): once `idleMs` pass without the page reaching the
 * server (it loaded, or a form was sent), it drops its images and goes to the sign-in page. The
 * server refuses the session by then anyway; the faces should not stay on an unattended screen.
 */
export function useForgetWhenIdle(idleMs: number): boolean {
  const [forgotten, setForgotten] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const page = window.location.pathname + window.location.search;
    if (contact.page !== page) Object.assign(contact, { at: Date.now(), page });
    const forget = () => {
      setForgotten(true);
      // A full page load, not the client router: its cache holds the pages' payloads, faces included.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign(`/sign-in?callbackUrl=${encodeURIComponent(page)}`);
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(forget, Math.max(0, contact.at + idleMs - Date.now()));
    };
    const sent = () => {
      contact.at = Date.now();
      schedule();
    };
    schedule();
    document.addEventListener('submit', sent, true);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('submit', sent, true);
    };
  }, [idleMs]);
  return forgotten;
}
