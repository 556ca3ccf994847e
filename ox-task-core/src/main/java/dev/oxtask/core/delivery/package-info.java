/**
 * Engine side of notes: applies a note's conditions, keeps the status history, registers secret
 * options and delivers results through the plugins. Not part of the plugin API.
 */
package dev.oxtask.core.delivery;
