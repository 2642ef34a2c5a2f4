;; dossierlint in Emacs (29+, eglot built in): put in init.el, then M-x eglot in a dossier.
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((markdown-mode gfm-mode) . ("dossierlint" "server"))))
